import { and, eq } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseUrl, getDb } from "@/db/client";
import { merchants, syncRuns, transactions } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { Declined } from "@/lib/gateway/errors";
import type { GatewayAdapter, Transaction } from "@/lib/gateway/types";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { getBoss, QUEUES, stopBoss } from "@/lib/queue/boss";
import { enqueueReconcile, startSyncWorkers } from "@/lib/jobs/sync";
import { handler as gatewaySandbox } from "@portal/sandbox/fluidpay";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { syncMerchantTransactions } from "@/lib/sync/reconcile";
import { rowFromTransaction } from "@/lib/sync/transactions";
import { type Served, serve } from "@/tests/helpers/serve";
import { makeTenants } from "@/tests/helpers/tenants";

// Only the gateway answers on this origin: the portal "is down", so webhooks cannot be delivered and
// nothing writes through. Reconciliation alone must bring the cache to the gateway's state.
let gw: Served;
beforeAll(async () => {
  gw = await serve(gatewaySandbox);
  process.env.APP_URL = gw.url;
  resetEnvCache();
});
afterAll(async () => {
  await stopBoss();
  await gw.close();
  await closeDb();
});

async function provisioned(): Promise<{ merchantId: string; gateway: GatewayAdapter; apiKey: string }> {
  const merchantId = (await makeTenants("fluidpay")).merchantA;
  const p = await provisionSandboxMerchant({ id: merchantId, name: "Reconcile Test", gateway: "fluidpay" });
  await getDb()
    .update(merchants)
    .set({ mid: p.mid, credentialsEnc: p.credentialsEnc })
    .where(eq(merchants.id, merchantId));
  const creds = unsealCredentials(p.credentialsEnc, merchantId).gateway as { apiKey: string };
  return { merchantId, gateway: await gatewayForMerchant(merchantId), apiKey: creds.apiKey };
}

const card = (number: string) => ({ kind: "card" as const, number, expiration: "12/30" });

async function gatewayTransactions(gateway: GatewayAdapter): Promise<Transaction[]> {
  const out: Transaction[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await gateway.transactions.search({ createdFrom: "2000-01-01T00:00:00.000Z", limit: 100, offset });
    out.push(...page.items);
    if (page.items.length < 100) return out;
  }
}

describe("reconciliation", () => {
  it("after charges the portal never wrote, leaves the cache equal to the gateway field by field", async () => {
    const { merchantId, gateway, apiKey } = await provisioned();
    const key = (n: string) => idempotencyKeyFor("reconcile", merchantId, n);
    await gateway.transactions.create({
      type: "sale",
      amount: 4250,
      source: card("4111111111111111"),
      idempotencyKey: key("a"),
    });
    const auth = await gateway.transactions.create({
      type: "authorize",
      amount: 3000,
      source: card("5555555555554444"),
      idempotencyKey: key("b"),
    });
    await gateway.transactions.capture(auth.id, { amount: 2500 });
    await expect(
      gateway.transactions.create({
        type: "sale",
        amount: 100,
        source: card("4000000000009995"),
        idempotencyKey: key("c"),
      }),
    ).rejects.toBeInstanceOf(Declined);
    const toRefund = await gateway.transactions.create({
      type: "sale",
      amount: 9000,
      source: card("4111111111111111"),
      idempotencyKey: key("d"),
    });
    const settle = await fetch(`${gw.url}/sandbox/gateway/_control/settle`, {
      method: "POST",
      headers: { authorization: apiKey },
    });
    expect(settle.status).toBe(200);
    await gateway.transactions.refund(toRefund.id, { amount: 1000 });

    const before = await getDb().select().from(transactions).where(eq(transactions.merchantId, merchantId));
    expect(before).toEqual([]);

    const summary = await syncMerchantTransactions(merchantId, { kind: "reconcile" });
    const truth = await gatewayTransactions(gateway);
    expect(truth.length).toBeGreaterThanOrEqual(5);
    expect(summary.processed).toBe(truth.length);

    const cached = await getDb().select().from(transactions).where(eq(transactions.merchantId, merchantId));
    const strip = ({ syncedAt: _s, ...rest }: Record<string, unknown>) => rest;
    const byId = new Map(cached.map((r) => [r.providerId, strip(r)]));
    expect(byId.size).toBe(truth.length);
    for (const t of truth) expect(byId.get(t.id), t.id).toEqual(strip(rowFromTransaction(merchantId, t) as never));

    // Running it again changes nothing.
    const again = await syncMerchantTransactions(merchantId, { kind: "reconcile" });
    expect(again.inserted).toBe(0);
    const [run] = await getDb().select().from(syncRuns).where(eq(syncRuns.id, again.runId));
    expect(run).toMatchObject({ status: "completed", processed: truth.length });
  });
});

describe("sync jobs on pg-boss", () => {
  it("a queued reconciliation runs in a worker and completes", async () => {
    const { merchantId, gateway } = await provisioned();
    await gateway.transactions.create({
      type: "sale",
      amount: 777,
      source: card("4111111111111111"),
      idempotencyKey: idempotencyKeyFor("job", merchantId),
    });
    await startSyncWorkers();
    expect(await enqueueReconcile(merchantId)).toBeTruthy();
    const deadline = Date.now() + 20_000;
    let row: { status: string } | undefined;
    while (Date.now() < deadline) {
      [row] = await getDb()
        .select({ status: syncRuns.status })
        .from(syncRuns)
        .where(and(eq(syncRuns.merchantId, merchantId), eq(syncRuns.status, "completed")));
      if (row) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(row?.status).toBe("completed");
    const cached = await getDb().select().from(transactions).where(eq(transactions.merchantId, merchantId));
    expect(cached.map((c) => c.amount)).toEqual([777]);
  });

  it("two workers never process the same job twice", async () => {
    const boss = await getBoss();
    const second = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 2 });
    await second.start();
    const queue = "test-exactly-once";
    await boss.createQueue(queue);
    const seen: string[] = [];
    const handler = async (jobs: { id: string }[]) => {
      for (const j of jobs) seen.push(j.id);
      await new Promise((r) => setTimeout(r, 20));
    };
    await boss.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 2 }, handler);
    await second.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 2 }, handler);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await boss.send(queue, { i })) as string);
    const deadline = Date.now() + 20_000;
    while (seen.length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await second.stop({ graceful: true, wait: true });
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("registers the schedule that reconciles every merchant", async () => {
    const schedules = await (await getBoss()).getSchedules();
    expect(schedules.map((s) => s.name)).toContain(QUEUES.reconcileAll);
  });
});
