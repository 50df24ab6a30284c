import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DbOrTx } from "@/db/client";
import { dailyBrandRollups, dailyChannelRollups, dailyDeclineRollups, dailyRollups, transactions } from "@/db/schema";
import type { Transaction } from "@/lib/gateway/types";
import { mergedChannel } from "./channel";
import { type Contribution, contributionOf } from "./contribution";
import { lockMerchantCache } from "./lock";
import { type MerchantEvent, emitMerchantEvents } from "./merchant-events";

type Row = typeof transactions.$inferInsert;

/** Domain transaction → cache row (masked fields only; the domain type carries nothing else). */
export function rowFromTransaction(
  merchantId: string,
  t: Transaction,
  now = new Date(),
  channel: string | null = null,
): Row {
  const pm = t.paymentMethod;
  const created = t.createdAt ? new Date(t.createdAt) : now;
  return {
    merchantId,
    providerId: t.id,
    family: t.family,
    type: t.type,
    status: t.status,
    approved: t.approved,
    amount: t.amount,
    authorizedAmount: t.authorizedAmount,
    capturedAmount: t.capturedAmount,
    settledAmount: t.settledAmount,
    refundedAmount: t.refundedAmount,
    taxAmount: t.taxAmount,
    shippingAmount: t.shippingAmount,
    tipAmount: t.tipAmount,
    surchargeAmount: t.surchargeAmount,
    currency: t.currency.toUpperCase(),
    methodKind: pm.kind,
    cardBrand: pm.kind === "card" || pm.kind === "terminal" ? pm.brand : null,
    maskedNumber:
      pm.kind === "card" || pm.kind === "terminal" ? pm.maskedNumber : pm.kind === "ach" ? pm.maskedAccount : null,
    lastFour: pm.kind === "unknown" ? null : pm.lastFour,
    entryType: pm.kind === "card" || pm.kind === "terminal" ? pm.entryType : null,
    signature: pm.kind === "terminal" ? pm.signature : null,
    avsCode: t.avs?.code ?? null,
    cvvCode: t.cvv?.code ?? null,
    responseCode: t.responseCode,
    responseText: t.responseText,
    authCode: t.authCode,
    orderId: t.orderId,
    poNumber: t.poNumber,
    description: t.description,
    customerId: t.customerId,
    subscriptionId: t.subscriptionId,
    invoiceId: t.invoiceId,
    batchId: t.batchId,
    referencedTransactionId: t.referencedTransactionId,
    source: t.source,
    channel,
    providerCreatedAt: created,
    providerUpdatedAt: t.updatedAt ? new Date(t.updatedAt) : created,
    settledAt: t.settledAt ? new Date(t.settledAt) : null,
    syncedAt: now,
  };
}

type Delta = Omit<Contribution, "brand" | "entryMode" | "declineReason" | "day" | "currency" | "channel">;
const ZERO: Delta = {
  grossVolume: 0,
  transactionCount: 0,
  approvedCount: 0,
  declinedCount: 0,
  refundAmount: 0,
  refundCount: 0,
  settledAmount: 0,
  surchargeAmount: 0,
};

class Deltas {
  daily = new Map<string, Delta & { day: string; currency: string }>();
  brand = new Map<string, { day: string; brand: string; entryMode: string; volume: number; count: number }>();
  decline = new Map<string, { day: string; reason: string; count: number }>();
  channel = new Map<string, { day: string; channel: string; volume: number; count: number }>();

  add(c: Contribution, sign: 1 | -1) {
    const dk = `${c.day}|${c.currency}`;
    const d = this.daily.get(dk) ?? { ...ZERO, day: c.day, currency: c.currency };
    for (const k of Object.keys(ZERO) as (keyof Delta)[]) d[k] += sign * c[k];
    this.daily.set(dk, d);
    if (c.grossVolume !== 0) {
      const bk = `${c.day}|${c.brand}|${c.entryMode}`;
      const b = this.brand.get(bk) ?? { day: c.day, brand: c.brand, entryMode: c.entryMode, volume: 0, count: 0 };
      b.volume += sign * c.grossVolume;
      b.count += sign;
      this.brand.set(bk, b);
      const ck = `${c.day}|${c.channel}`;
      const ch = this.channel.get(ck) ?? { day: c.day, channel: c.channel, volume: 0, count: 0 };
      ch.volume += sign * c.grossVolume;
      ch.count += sign;
      this.channel.set(ck, ch);
    }
    if (c.declineReason) {
      const rk = `${c.day}|${c.declineReason}`;
      const r = this.decline.get(rk) ?? { day: c.day, reason: c.declineReason, count: 0 };
      r.count += sign;
      this.decline.set(rk, r);
    }
  }
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Older than what the cache holds (out-of-order webhook or stale page): ignored. */
  stale: number;
}

/**
 * Idempotent write of provider transactions into the cache, keyed by (merchant, provider id), with
 * the daily rollups adjusted in the same database transaction. Never moves a row backwards in time.
 */
export async function upsertTransactions(
  db: DbOrTx,
  merchantId: string,
  items: Transaction[],
  now = new Date(),
  options: { channel?: string } = {},
): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: 0, updated: 0, stale: 0 };
  if (items.length === 0) return result;
  // Last one wins within a batch for the same id.
  const byId = new Map(items.map((t) => [t.id, rowFromTransaction(merchantId, t, now, options.channel ?? null)]));
  const run = async (tx: DbOrTx) => {
    // Row locks cannot cover rows that do not exist yet: a webhook and a write-through inserting the same new
    // transaction at once would both count it in the rollups.
    await lockMerchantCache(tx, merchantId);
    const ids = [...byId.keys()].sort();
    // An empty cache (the first backfill pages) has nothing to read back: skip the existing-row read.
    const existing = (await cacheIsEmpty(tx, merchantId))
      ? []
      : await tx
          .select()
          .from(transactions)
          .where(
            and(
              eq(transactions.merchantId, merchantId),
              sql`${transactions.providerId} = any(${sql.param(ids)}::text[])`,
            ),
          )
          .for("update");
    const old = new Map(existing.map((r) => [r.providerId, r]));
    const deltas = new Deltas();
    const writes: Row[] = [];
    const events: MerchantEvent[] = [];
    const channelOnly: string[] = [];
    const channelValue: string[] = [];
    for (const id of ids) {
      const row = byId.get(id) as Row;
      const prev = old.get(id);
      // A known channel is never downgraded by a writer that does not know it (webhook, reconciliation).
      row.channel = mergedChannel(row.channel, prev?.channel);
      // CardPointe inquires a decline with amount "0.00" (nothing was authorized); the amount tried, cached when the
      // attempt was made, is what a person needs to see, and a later sync must not wipe it.
      if (prev && !row.approved && row.amount === 0 && !prev.approved && prev.amount > 0) row.amount = prev.amount;
      if (prev && prev.providerUpdatedAt.getTime() > (row.providerUpdatedAt as Date).getTime()) {
        if (row.channel !== prev.channel) {
          // Older data but newly learned channel: move the row's rollup contribution to its channel.
          deltas.add(contributionOf(prev), -1);
          deltas.add(contributionOf({ ...prev, channel: row.channel }), 1);
          channelOnly.push(id);
          channelValue.push(row.channel as string);
        }
        result.stale++;
        continue;
      }
      // The link to an invoice is known to the write-through of a portal payment (the gateway's transaction carries
      // only the invoice number as order id); a later webhook or sync page must not drop it.
      if (prev?.invoiceId && !row.invoiceId) row.invoiceId = prev.invoiceId;
      // A signature or tip the portal recorded (sigcap, a CardPointe tip adjust: the gateway's record keeps only the
      // new total) is not lost when a later read does not carry it.
      if (prev?.signature && !row.signature) row.signature = prev.signature;
      if (prev && prev.tipAmount > 0 && !row.tipAmount && row.approved) {
        row.tipAmount = prev.tipAmount;
        // CardPointe inquires a tip-adjusted capture with one amount (the new total): what was authorized stays.
        if (row.authorizedAmount === prev.authorizedAmount + prev.tipAmount)
          row.authorizedAmount = prev.authorizedAmount;
      }
      if (prev) {
        deltas.add(contributionOf(prev), -1);
        result.updated++;
      } else result.inserted++;
      deltas.add(contributionOf(row as Parameters<typeof contributionOf>[0]), 1);
      writes.push(row);
      if (!prev || prev.status !== row.status) events.push(transactionEvent(row, !prev));
    }
    // Under the merchant's cache lock, a batch none of whose ids is cached cannot conflict: it is appended as is.
    if (writes.length > 0) await bulkUpsert(tx, writes, old.size > 0);
    if (channelOnly.length > 0) {
      await tx.execute(sql`
        update transactions t set channel = u.channel
        from unnest(${sql.param(channelOnly)}::text[], ${sql.param(channelValue)}::text[]) as u(provider_id, channel)
        where t.merchant_id = ${merchantId} and t.provider_id = u.provider_id`);
    }
    await applyDeltas(tx, merchantId, deltas);
    // Announced to the merchant's webhook endpoints in this transaction: a new payment or refund, or a new status.
    await emitMerchantEvents(tx, merchantId, events);
  };
  // Inside a caller's transaction this is a savepoint, so write-through joins the service's transaction.
  await db.transaction(run);
  return result;
}

const REFUND_TYPES = new Set(["refund", "credit"]);

/** The `data` of a payment.* / refund.* event: what a bookkeeping system needs, masked card data only. */
function transactionEvent(row: Row, created: boolean): MerchantEvent {
  const kind = REFUND_TYPES.has(row.type) ? "refund" : "payment";
  return {
    type: `${kind}.${created ? "created" : "updated"}`,
    data: {
      id: row.providerId,
      type: row.type,
      status: row.status,
      approved: row.approved,
      amount: row.amount,
      capturedAmount: row.capturedAmount ?? 0,
      settledAmount: row.settledAmount ?? 0,
      refundedAmount: row.refundedAmount ?? 0,
      currency: row.currency ?? "USD",
      cardBrand: row.cardBrand ?? null,
      lastFour: row.lastFour ?? null,
      orderId: row.orderId ?? null,
      invoiceId: row.invoiceId ?? null,
      subscriptionId: row.subscriptionId ?? null,
      customerId: row.customerId ?? null,
      originalTransactionId: row.referencedTransactionId ?? null,
      createdAt: (row.providerCreatedAt as Date).toISOString(),
    },
  };
}

const COLUMNS = Object.entries(getTableColumns(transactions)).map(([key, col]) => ({
  key: key as keyof Row,
  name: toSnake(key),
  type: col.getSQLType(),
}));
const UPDATE_SET = COLUMNS.filter((c) => c.name !== "merchant_id" && c.name !== "provider_id")
  .map((c) =>
    c.name === "channel"
      ? `channel = coalesce(excluded.channel, transactions.channel)`
      : `${c.name} = excluded.${c.name}`,
  )
  .join(", ");

/** From this many rows a batch is written by COPY into a staging table and one merge; below, by one `unnest`. */
const COPY_FROM_ROWS = 200;

async function bulkUpsert(tx: DbOrTx, rows: Row[], mayConflict: boolean) {
  const client = rows.length >= COPY_FROM_ROWS ? connectionOf(tx) : undefined;
  if (client) return copyUpsert(client, rows, mayConflict);
  // One statement with one array parameter per column, instead of a parameter per value: building and parsing a
  // 40,000-parameter statement cost more than the write.
  const arrays = COLUMNS.map((c) => sql`${sql.param(rows.map((r) => r[c.key] ?? null))}::${sql.raw(c.type)}[]`);
  await tx.execute(sql`
    insert into transactions (${sql.raw(COLUMN_LIST)})
    select * from unnest(${sql.join(arrays, sql`, `)})
    on conflict (merchant_id, provider_id) do update set ${sql.raw(UPDATE_SET)}`);
}

const COLUMN_LIST = COLUMNS.map((c) => c.name).join(", ");

/**
 * A large batch (backfill): new rows only (`mayConflict` false) are COPied straight into the cache; otherwise COPY
 * into a session-local staging table, then one `INSERT … SELECT … ON CONFLICT` merge — either way the write costs
 * close to a plain COPY instead of a statement's parameters. The staging table is emptied first, so a savepoint or a
 * second batch on the same connection never sees old rows.
 */
async function copyUpsert(client: pg.PoolClient, rows: Row[], mayConflict: boolean) {
  const copy = (table: string) =>
    pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy ${table} (${COLUMN_LIST}) from stdin`)));
  if (!mayConflict) return copy("transactions");
  await client.query(
    `create temp table if not exists transactions_stage (like transactions including defaults) on commit delete rows`,
  );
  await client.query(`truncate transactions_stage`);
  await copy("transactions_stage");
  await client.query(
    `insert into transactions (${COLUMN_LIST}) select ${COLUMN_LIST} from transactions_stage
     on conflict (merchant_id, provider_id) do update set ${UPDATE_SET}`,
  );
}

function* copyLines(rows: Row[]) {
  for (const r of rows) yield `${COLUMNS.map((c) => copyText(r[c.key])).join("\t")}\n`;
}

/** A value in COPY's text format. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  return String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string);
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** The pg connection under a drizzle transaction (node-postgres driver), for COPY; undefined when not reachable. */
function connectionOf(tx: DbOrTx): pg.PoolClient | undefined {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Pool || !client || typeof (client as pg.PoolClient).release !== "function"
    ? undefined
    : (client as pg.PoolClient);
}

async function cacheIsEmpty(tx: DbOrTx, merchantId: string): Promise<boolean> {
  const r = await tx.execute<{ any: boolean }>(
    sql`select exists (select 1 from ${transactions} where ${transactions.merchantId} = ${merchantId}) as any`,
  );
  return !r.rows[0]?.any;
}

function toSnake(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

async function applyDeltas(tx: DbOrTx, merchantId: string, d: Deltas) {
  const daily = [...d.daily.values()].filter((v) => Object.keys(ZERO).some((k) => v[k as keyof Delta] !== 0));
  if (daily.length) {
    await tx
      .insert(dailyRollups)
      .values(daily.map((v) => ({ merchantId, ...v })))
      .onConflictDoUpdate({
        target: [dailyRollups.merchantId, dailyRollups.day, dailyRollups.currency],
        set: Object.fromEntries(
          Object.keys(ZERO).map((k) => [k, sql.raw(`daily_rollups.${toSnake(k)} + excluded.${toSnake(k)}`)]),
        ),
      });
  }
  const brand = [...d.brand.values()].filter((v) => v.volume !== 0 || v.count !== 0);
  if (brand.length) {
    await tx
      .insert(dailyBrandRollups)
      .values(brand.map((v) => ({ merchantId, ...v })))
      .onConflictDoUpdate({
        target: [
          dailyBrandRollups.merchantId,
          dailyBrandRollups.day,
          dailyBrandRollups.brand,
          dailyBrandRollups.entryMode,
        ],
        set: {
          volume: sql`${dailyBrandRollups.volume} + excluded.volume`,
          count: sql`${dailyBrandRollups.count} + excluded.count`,
        },
      });
  }
  const channel = [...d.channel.values()].filter((v) => v.volume !== 0 || v.count !== 0);
  if (channel.length) {
    await tx
      .insert(dailyChannelRollups)
      .values(channel.map((v) => ({ merchantId, ...v })))
      .onConflictDoUpdate({
        target: [dailyChannelRollups.merchantId, dailyChannelRollups.day, dailyChannelRollups.channel],
        set: {
          volume: sql`${dailyChannelRollups.volume} + excluded.volume`,
          count: sql`${dailyChannelRollups.count} + excluded.count`,
        },
      });
  }
  const decline = [...d.decline.values()].filter((v) => v.count !== 0);
  if (decline.length) {
    await tx
      .insert(dailyDeclineRollups)
      .values(decline.map((v) => ({ merchantId, ...v })))
      .onConflictDoUpdate({
        target: [dailyDeclineRollups.merchantId, dailyDeclineRollups.day, dailyDeclineRollups.reason],
        set: { count: sql`${dailyDeclineRollups.count} + excluded.count` },
      });
  }
}
