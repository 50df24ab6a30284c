import PgBoss from "pg-boss";
import { databaseUrl } from "@/db/client";
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
} as const;

const g = globalThis as unknown as { __portalBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  g.__portalBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 5 });
    boss.on("error", (err) => log().error({ err }, "pg-boss error"));
    await boss.start();
    for (const name of Object.values(QUEUES)) {
      // Re-creating an existing queue is a no-op in pg-boss 10 when the options match.
      await boss.createQueue(name, { name, retryLimit: 3, retryDelay: 30, retryBackoff: true }).catch(() => {});
    }
    return boss;
  })();
  return g.__portalBoss;
}

export async function stopBoss(): Promise<void> {
  const b = g.__portalBoss;
  g.__portalBoss = undefined;
  if (b) await (await b).stop({ graceful: true, wait: true });
}
