import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { merchants } from "@/db/schema";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import type { Batch, GatewayAdapter } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertBatches } from "@/lib/sync/batches";

export interface BatchCloseResult {
  /** What was asked of the gateway: the MID (CardPointe) or each terminal (gateway family). */
  closed: Array<{ target: string; closed: boolean }>;
  /** The batches the close produced, with their totals (as the gateway reports them). */
  batches: Batch[];
  /** Gateway family: terminal settles only close terminal batches; card-not-present sales close at the gateway's own time. */
  note: string | null;
}

/**
 * Batch close (issue 20 §2), on documented calls only: CardPointe `GET /closebatch/{merchid}` (specs/services.md
 * L43), the gateway family `POST /api/terminal/{id}/settle` per terminal (seed 003 L1176). The resulting batches are
 * read back (settlestat by batch id / batch search) into the cache and returned with their totals.
 */
export async function closeMerchantBatches(
  merchantId: string,
  actor: { userId: string | null; label?: string },
  opts: { gateway?: GatewayAdapter } = {},
): Promise<BatchCloseResult> {
  const gateway = opts.gateway ?? (await gatewayForMerchant(merchantId));
  const [m] = await getDb().select({ mid: merchants.mid }).from(merchants).where(eq(merchants.id, merchantId));
  let result: BatchCloseResult;
  if (isCardPointeAdapter(gateway)) {
    const r = await gateway.closeBatch();
    const batches = r.closed && r.batchId ? (await gateway.settlement.searchBatches({ batchId: r.batchId })).items : [];
    result = { closed: [{ target: m?.mid ?? gateway.merchid, closed: r.closed }], batches, note: null };
  } else {
    if (!gateway.capabilities.terminalSettle) throw new Error("this gateway cannot settle terminals");
    const before = new Set((await gateway.settlement.searchBatches({ limit: 100 })).items.map((b) => b.id));
    const terminals = await gateway.terminals.list();
    const closed: BatchCloseResult["closed"] = [];
    for (const t of terminals) {
      await gateway.terminals.settle(t.id);
      closed.push({ target: t.description || t.serialNumber || t.id, closed: true });
    }
    const batches = (await gateway.settlement.searchBatches({ limit: 100 })).items.filter((b) => !before.has(b.id));
    result = {
      closed,
      batches,
      note: "Terminal batches closed. Online and virtual-terminal sales settle at the gateway's daily batch time.",
    };
  }
  await upsertBatches(merchantId, result.batches);
  await writeAudit(getDb(), {
    actorUserId: actor.userId,
    actorLabel: actor.label ?? null,
    merchantId,
    action: "settlement.batch.closed",
    targetType: "merchant",
    targetId: merchantId,
    after: { closed: result.closed, batches: result.batches.map((b) => ({ id: b.id, net: b.netDeposit })) },
  });
  return result;
}
