import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listBatches, listBatchTransactions } from "@/db/queries/settlements";
import { merchants, settlementBatches } from "@/db/schema";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { unsealCredentials } from "@/lib/connections/credentials";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants } from "@/tests/helpers/tenants";
import { openForFile } from "@/tests/helpers/for-file";

const origin = openForFile(servePortalOrigin);

async function eventually<T>(fn: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + 15_000;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe("settlement batches", () => {
  it("reach the cache by webhook when a batch closes, with their transactions linked", async () => {
    const merchantId = (await makeTenants("fluidpay")).merchantA;
    const p = await provisionSandboxMerchant({ id: merchantId, name: "Batch Test", gateway: "fluidpay" });
    await getDb()
      .update(merchants)
      .set({ mid: p.mid, credentialsEnc: p.credentialsEnc })
      .where(eq(merchants.id, merchantId));
    const gateway = await gatewayForMerchant(merchantId);
    for (const [i, amount] of [2500, 1500].entries()) {
      await gateway.transactions.create({
        type: "sale",
        amount,
        source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
        idempotencyKey: idempotencyKeyFor("batch-test", merchantId, i),
      });
    }
    const apiKey = (unsealCredentials(p.credentialsEnc, merchantId).gateway as { apiKey: string }).apiKey;
    const settle = await fetch(`${origin.url}/sandbox/gateway/_control/settle`, {
      method: "POST",
      headers: { authorization: apiKey },
    });
    expect(settle.status).toBe(200);

    const batch = await eventually(async () => (await listBatches({ merchantId })).rows[0]);
    expect(batch).toMatchObject({ transactionCount: 2, capturedAmount: 4000, netDeposit: 4000, status: "settled" });
    const txs = await eventually(async () => {
      const rows = await listBatchTransactions({ merchantId, batchId: batch.providerId });
      return rows.length === 2 && rows.every((r) => r.status === "settled") ? rows : undefined;
    });
    expect(txs.map((t) => t.amount).sort()).toEqual([1500, 2500]);

    // Pulling from the gateway agrees with what the webhook wrote, and is idempotent.
    await getDb().delete(settlementBatches).where(eq(settlementBatches.merchantId, merchantId));
    expect(await syncMerchantBatches(merchantId)).toBe(1);
    expect(await syncMerchantBatches(merchantId)).toBe(1);
    const pulled = await listBatches({ merchantId });
    expect(pulled.total).toBe(1);
    const { syncedAt: _a, ...fromPull } = pulled.rows[0] as typeof batch;
    const { syncedAt: _b, ...fromHook } = batch;
    expect(fromPull).toEqual(fromHook);
  });
});
