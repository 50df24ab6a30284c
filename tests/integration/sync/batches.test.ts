import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listBatches, listBatchTransactions } from "@/db/queries/settlements";
import { settlementBatches } from "@/db/schema";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { syncMerchantBatches } from "@/lib/sync/batches";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants } from "@/tests/helpers/tenants";
import { openForFile } from "@/tests/helpers/for-file";
import { waitFor } from "@/tests/helpers/wait";

const origin = openForFile(servePortalOrigin);

describe("settlement batches", () => {
  it("reach the cache by webhook when a batch closes, with their transactions linked", async () => {
    const merchantId = (await makeTenants("fluidpay")).merchantA;
    const p = await connectSandbox(merchantId, "Batch Test", "fluidpay");
    const gateway = await gatewayForMerchant(merchantId);
    for (const [i, amount] of [2500, 1500].entries()) {
      await gateway.transactions.create({
        type: "sale",
        amount,
        source: { kind: "card", number: "4111111111111111", expiration: "12/30" },
        idempotencyKey: idempotencyKeyFor("batch-test", merchantId, i),
      });
    }
    const apiKey = (p.credentials.gateway as { apiKey: string }).apiKey;
    const settle = await fetch(`${origin.url}/sandbox/gateway/_control/settle`, {
      method: "POST",
      headers: { authorization: apiKey },
    });
    expect(settle.status).toBe(200);

    const batch = await waitFor(async () => (await listBatches({ merchantId })).rows[0]);
    expect(batch).toMatchObject({ transactionCount: 2, capturedAmount: 4000, netDeposit: 4000, status: "settled" });
    const txs = await waitFor(async () => {
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
