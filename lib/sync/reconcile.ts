import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { syncCursors, syncRuns } from "@/db/schema";
import type { GatewayAdapter, Transaction } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { upsertTransactions } from "./transactions";

/**
 * Pulls transactions from the gateway (the source of truth) into the cache. Reconciliation re-reads
 * a look-back window before its cursor, because transactions change after creation (capture,
 * settlement, refunds); webhooks cover changes older than the window. Backfill reads history.
 * Every page goes through the same idempotent upsert as write-through and webhooks.
 */
export const RECONCILE_LOOKBACK_DAYS = 40;
export const BACKFILL_DAYS = 4 * 31;
const DAY = 86_400_000;

export interface SyncOptions {
  kind: "reconcile" | "backfill";
  since?: Date;
  pageSize?: number;
  gateway?: GatewayAdapter;
  now?: Date;
}

export interface SyncSummary {
  runId: string;
  processed: number;
  total: number;
  inserted: number;
  updated: number;
}

/** Rows fetched before they are written to the cache in one batch. */
const WRITE_BATCH = 5000;

export async function syncMerchantTransactions(merchantId: string, opts: SyncOptions): Promise<SyncSummary> {
  const db = getDb();
  const now = opts.now ?? new Date();
  const pageSize = Math.min(opts.pageSize ?? 100, 100);
  const [run] = await db.insert(syncRuns).values({ merchantId, kind: opts.kind }).returning({ id: syncRuns.id });
  if (!run) throw new Error("sync run not created");
  const summary: SyncSummary = { runId: run.id, processed: 0, total: 0, inserted: 0, updated: 0 };
  try {
    const gateway = opts.gateway ?? (await gatewayForMerchant(merchantId));
    const since = opts.since ?? (await defaultSince(merchantId, opts.kind, now));
    // Pages are written in batches of up to WRITE_BATCH rows: a backfill's large batches go by COPY (upsertTransactions).
    let pending: Transaction[] = [];
    let totalCount = 0;
    const write = async () => {
      const r = await upsertTransactions(db, merchantId, pending);
      summary.processed += pending.length;
      summary.inserted += r.inserted;
      summary.updated += r.updated;
      summary.total = Math.max(totalCount, summary.processed);
      pending = [];
      await db
        .update(syncRuns)
        .set({ processed: summary.processed, total: summary.total })
        .where(eq(syncRuns.id, run.id));
    };
    for (let offset = 0; ; offset += pageSize) {
      const page = await gateway.transactions.search({ createdFrom: since.toISOString(), limit: pageSize, offset });
      pending.push(...page.items);
      totalCount = page.totalCount;
      const last = page.items.length < pageSize;
      if (last || pending.length >= WRITE_BATCH) await write();
      if (last) break;
    }
    await db
      .insert(syncCursors)
      .values({ merchantId, resource: "transactions", cursor: now.toISOString() })
      .onConflictDoUpdate({
        target: [syncCursors.merchantId, syncCursors.resource],
        set: { cursor: now.toISOString(), updatedAt: sql`now()` },
      });
    await db.update(syncRuns).set({ status: "completed", finishedAt: new Date() }).where(eq(syncRuns.id, run.id));
    return summary;
  } catch (err) {
    log().error({ err, merchantId, kind: opts.kind }, "sync failed");
    await db
      .update(syncRuns)
      .set({
        status: "failed",
        finishedAt: new Date(),
        error: err instanceof Error ? err.message.slice(0, 500) : "failed",
      })
      .where(eq(syncRuns.id, run.id));
    throw err;
  }
}

async function defaultSince(merchantId: string, kind: SyncOptions["kind"], now: Date): Promise<Date> {
  if (kind === "backfill") return new Date(now.getTime() - BACKFILL_DAYS * DAY);
  const [c] = await getDb()
    .select({ cursor: syncCursors.cursor })
    .from(syncCursors)
    .where(and(eq(syncCursors.merchantId, merchantId), eq(syncCursors.resource, "transactions")));
  const from = c ? new Date(c.cursor) : now;
  return new Date(from.getTime() - RECONCILE_LOOKBACK_DAYS * DAY);
}
