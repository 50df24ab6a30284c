import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { settlementBatches } from "@/db/schema";
import type { Batch, GatewayAdapter } from "@/lib/gateway/types";
import { gatewayForMerchant } from "@/lib/connections/gateway";

/** A batch the gateway reports with a non-approval response code was rejected by the processor. */
export function batchStatus(b: Batch): "settled" | "rejected" {
  return b.responseCode !== null && (b.responseCode < 100 || b.responseCode >= 200) ? "rejected" : "settled";
}

export async function upsertBatches(merchantId: string, batches: Batch[], now = new Date()): Promise<number> {
  if (batches.length === 0) return 0;
  await getDb()
    .insert(settlementBatches)
    .values(
      batches.map((b) => ({
        merchantId,
        providerId: b.id,
        batchDate: b.batchDate ? new Date(b.batchDate) : now,
        batchNumber: b.batchNumber,
        processorName: b.processorName,
        transactionCount: b.transactionCount,
        capturedAmount: b.capturedAmount,
        creditAmount: b.creditAmount,
        netDeposit: b.netDeposit,
        status: batchStatus(b),
        responseMessage: b.responseMessage,
        syncedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [settlementBatches.merchantId, settlementBatches.providerId],
      set: {
        batchDate: sql`excluded.batch_date`,
        batchNumber: sql`excluded.batch_number`,
        processorName: sql`excluded.processor_name`,
        transactionCount: sql`excluded.transaction_count`,
        capturedAmount: sql`excluded.captured_amount`,
        creditAmount: sql`excluded.credit_amount`,
        netDeposit: sql`excluded.net_deposit`,
        status: sql`excluded.status`,
        responseMessage: sql`excluded.response_message`,
        syncedAt: sql`excluded.synced_at`,
      },
    });
  return batches.length;
}

/** Pulls the merchant's batches closed since `since` (default 120 days) into the cache. */
export async function syncMerchantBatches(
  merchantId: string,
  opts: { since?: Date; gateway?: GatewayAdapter } = {},
): Promise<number> {
  const gateway = opts.gateway ?? (await gatewayForMerchant(merchantId));
  if (!gateway.capabilities.settlementSearch) return 0;
  const since = opts.since ?? new Date(Date.now() - 120 * 86_400_000);
  let total = 0;
  for (let offset = 0; ; offset += 100) {
    const page = await gateway.settlement.searchBatches({ from: since.toISOString(), limit: 100, offset });
    total += await upsertBatches(merchantId, page.items);
    if (page.items.length < 100) return total;
  }
}
