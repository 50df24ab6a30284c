import { sql } from "drizzle-orm";
import pg from "pg";
import PgBoss from "pg-boss";
import { databaseUrl, type DbOrTx } from "@/db/client";
import { log } from "@/lib/log";

/**
 * pg-boss coordinates jobs through PostgreSQL (SKIP LOCKED), so any number of web or worker
 * processes can run workers and each job is processed by exactly one of them.
 */
export const QUEUES = {
  reconcileMerchant: "sync-reconcile-merchant",
  reconcileAll: "sync-reconcile-all",
  backfillMerchant: "sync-backfill-merchant",
  boardingRefresh: "boarding-refresh-open",
  reconcileDeposits: "recon-deposits-merchant",
  batchAutoClose: "batch-autoclose-all",
} as const;

/** What a queue is created (or brought up to date) with. */
export type QueueSpec = Pick<PgBoss.Queue, "policy" | "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds">;

/**
 * pg-boss 10 de-duplicates by `singletonKey` only on the short, singleton and stately policies; on `standard` a
 * second send with the same key is queued beside the first. Per-merchant sync jobs are `stately`: at most one
 * queued and one running per merchant, so a burst of webhooks or clicks cannot pile reconciles up. The scheduled
 * sweeps are `short`: one queued tick at a time.
 */
const SPECS: Record<(typeof QUEUES)[keyof typeof QUEUES], QueueSpec> = {
  [QUEUES.reconcileMerchant]: { policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true },
  [QUEUES.backfillMerchant]: { policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true },
  [QUEUES.reconcileAll]: { policy: "short", retryLimit: 3, retryDelay: 30, retryBackoff: true },
  [QUEUES.boardingRefresh]: { policy: "short", retryLimit: 3, retryDelay: 30, retryBackoff: true },
  [QUEUES.reconcileDeposits]: { policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true },
  [QUEUES.batchAutoClose]: { policy: "short", retryLimit: 1, retryDelay: 30, retryBackoff: true },
};

/** A job that used up its retries lands in `<queue>-dead`, where it stays for an operator to read and resend. */
export const deadLetterOf = (name: string) => `${name}-dead`;

/** The advisory lock every process takes while it creates or changes queues (any constant shared by all of them). */
const QUEUE_DDL_LOCK = 7_304_211;

/**
 * pg-boss 10 creates each queue's partition with DDL on one parent table, so two clients creating queues at the same
 * moment (the mail and webhook workers of one process, or web and `npm run worker` starting together) can deadlock.
 * Queue creation runs under one PostgreSQL advisory lock held on its own connection, so it is one at a time across
 * every process.
 */
async function withQueueLock<T>(fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [QUEUE_DDL_LOCK]);
    return await fn();
  } finally {
    await client.end().catch(() => undefined); // ending the session releases the lock
  }
}

/**
 * Creates the queue and its dead-letter queue, or brings an existing queue to its spec: `createQueue` is a no-op on
 * a queue that exists (pg-boss inserts with ON CONFLICT DO NOTHING), so a queue first created with other options —
 * the old default `standard` policy — is updated. Errors propagate: a process whose queues are not right must not
 * start its workers.
 */
export async function ensureQueue(boss: PgBoss, name: string, spec: QueueSpec): Promise<void> {
  const deadLetter = deadLetterOf(name);
  const want: PgBoss.Queue = { name, ...spec, deadLetter };
  const current = await boss.getQueue(name);
  const differs = (q: PgBoss.Queue) =>
    (Object.keys(want) as (keyof PgBoss.Queue)[]).some((k) => want[k] !== undefined && q[k] !== want[k]);
  // Already as wanted (every start after the first): no lock, no DDL.
  if (current && !differs(current) && (await boss.getQueue(deadLetter))) return;
  await withQueueLock(async () => {
    await boss.createQueue(deadLetter, { name: deadLetter, policy: "standard" });
    await boss.createQueue(name, want);
    const created = await boss.getQueue(name);
    if (!created) throw new Error(`pg-boss queue ${name} was not created`);
    if (differs(created)) {
      log().info({ queue: name, from: created.policy, to: spec.policy }, "pg-boss queue options updated");
      await boss.updateQueue(name, want);
    }
  });
}

const g = globalThis as unknown as { __portalBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  g.__portalBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 5 });
    boss.on("error", (err) => log().error({ err }, "pg-boss error"));
    await boss.start();
    for (const [name, spec] of Object.entries(SPECS)) await ensureQueue(boss, name, spec);
    return boss;
  })().catch((err: unknown) => {
    // A failed start is not cached: the next caller tries again instead of inheriting the rejection forever.
    g.__portalBoss = undefined;
    throw err;
  });
  return g.__portalBoss;
}

export async function stopBoss(): Promise<void> {
  const b = g.__portalBoss;
  g.__portalBoss = undefined;
  ready.clear();
  if (b) await (await b).stop({ graceful: true, wait: true });
}

const ready = new Map<string, Promise<PgBoss>>();

/**
 * The pg-boss client with queue `name` created (once per process and name; a failed creation is retried by the next
 * caller). For the per-message queues (mail, outbound webhooks) whose name tests change per file.
 */
export async function bossWithQueue(name: string, spec: QueueSpec): Promise<PgBoss> {
  let p = ready.get(name);
  if (!p) {
    p = (async () => {
      const boss = await getBoss();
      await ensureQueue(boss, name, spec);
      return boss;
    })();
    ready.set(name, p);
  }
  try {
    return await p;
  } catch (err) {
    ready.delete(name);
    throw err;
  }
}

/** The client `bossWithQueue(name)` made in this process, if any (null before the first use). */
export function startedBossWithQueue(name: string): Promise<PgBoss> | null {
  return ready.get(name) ?? null;
}

/**
 * pg-boss runs its INSERT through the caller's transaction (its `db` option), so a job exists exactly when the row
 * that caused it does. pg-boss writes `$n` placeholders; they become drizzle parameters.
 */
export function txExecutor(db: DbOrTx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : sql`${values[Number(p) - 1] ?? null}`));
      const result = await db.execute(sql.join(chunks));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}
