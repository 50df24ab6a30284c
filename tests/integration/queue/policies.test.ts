import { afterAll, describe, expect, it } from "vitest";
import { getBoss, QUEUES, stopBoss } from "@/lib/queue/boss";
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
