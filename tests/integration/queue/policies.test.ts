import { afterAll, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/db/client";
import { ensureQueue, getBoss, QUEUES, stopBoss } from "@/lib/queue/boss";
import { enqueueBackfill, enqueueReconcile } from "@/lib/jobs/sync";

/**
 * The pg-boss queues on the real PostgreSQL (issue 21 item 5). pg-boss 10 enforces `singletonKey` only for the
 * short, singleton and stately policies: on the default `standard` policy a second reconcile for the same merchant
 * was queued beside the first, so reconcile and backfill jobs piled up. No worker runs in this file, so every job
 * stays queued.
 */
afterAll(async () => {
  await stopBoss();
});

describe("job queues", () => {
  it("creates queues at the same moment from several processes' clients without a deadlock", async () => {
    // Two clients stand for two processes starting together (web and `npm run worker`, or the mail and webhook
    // workers of one process): pg-boss creates each queue's partition with DDL on one parent table.
    const clients = [0, 1].map(() => new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 4 }));
    await Promise.all(clients.map((c) => c.start()));
    try {
      const names = Array.from({ length: 6 }, () => `race-${crypto.randomUUID().slice(0, 8)}`);
      const spec = { policy: "standard", retryLimit: 1 } as const;
      const results = await Promise.allSettled(clients.flatMap((c) => names.map((name) => ensureQueue(c, name, spec))));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      for (const name of names) expect(await clients[0]!.getQueue(name), name).toBeTruthy();
    } finally {
      await Promise.all(clients.map((c) => c.stop({ graceful: false, wait: true })));
    }
  });

  it("queues one reconcile and one backfill per merchant while one is waiting", async () => {
    const merchantId = crypto.randomUUID();
    const first = await enqueueReconcile(merchantId);
    expect(first).toBeTruthy();
    expect(await enqueueReconcile(merchantId)).toBeNull();
    expect(await enqueueReconcile(crypto.randomUUID())).toBeTruthy();
    expect(await enqueueBackfill(merchantId)).toBeTruthy();
    expect(await enqueueBackfill(merchantId)).toBeNull();
    const boss = await getBoss();
    const queued = await boss.getQueueSize(QUEUES.reconcileMerchant);
    expect(queued).toBeGreaterThanOrEqual(2);
  });

  it("gives every queue its policy and a dead-letter queue", async () => {
    const boss = await getBoss();
    for (const name of Object.values(QUEUES)) {
      const q = await boss.getQueue(name);
      expect(q, name).toBeTruthy();
      expect(q!.deadLetter, name).toBe(`${name}-dead`);
      expect(await boss.getQueue(`${name}-dead`), `${name}-dead`).toBeTruthy();
    }
    expect((await boss.getQueue(QUEUES.reconcileMerchant))!.policy).toBe("stately");
    expect((await boss.getQueue(QUEUES.backfillMerchant))!.policy).toBe("stately");
  });

  it("moves a queue created with the old default policy to its policy on start", async () => {
    await stopBoss();
    const boss = await getBoss();
    await boss.updateQueue(QUEUES.reconcileMerchant, { name: QUEUES.reconcileMerchant, policy: "standard" });
    await stopBoss();
    const restarted = await getBoss();
    expect((await restarted.getQueue(QUEUES.reconcileMerchant))!.policy).toBe("stately");
  });
});
