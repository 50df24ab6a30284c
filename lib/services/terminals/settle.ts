import { getDb } from "@/db/client";
import { listTransactions } from "@/db/queries/transactions";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import type { Actor } from "@/lib/services/transactions/fetch";
import { upsertTransactions } from "@/lib/sync/transactions";

/**
 * Close a terminal's open transactions now (FluidPay). The card-present rows the cache still holds as
 * pending settlement are re-read from the gateway and written through, so the list shows them settled at once.
 */
export async function settleTerminal(input: {
  merchantId: string;
  actor: Actor;
  terminalId: string;
}): Promise<{ refreshed: number }> {
  const adapter = await gatewayForMerchant(input.merchantId);
  if (!adapter.capabilities.terminalSettle) {
    throw new UserError("unavailable", "Settling a single terminal is not available for this gateway.");
  }
  await adapter.terminals.settle(input.terminalId);
  const db = getDb();
  const open = await listTransactions(
    {
      merchantId: input.merchantId,
      filters: { status: "pending_settlement", method: "terminal" },
      limit: 200,
    },
    db,
  );
  const fresh = await Promise.all(open.items.map((t) => adapter.transactions.get(t.id)));
  await db.transaction(async (tx) => {
    await upsertTransactions(tx, input.merchantId, fresh);
    await writeAudit(tx, {
      actorUserId: input.actor.userId,
      merchantId: input.merchantId,
      action: "terminal.settle",
      targetType: "terminal",
      targetId: input.terminalId,
      after: { refreshedTransactions: fresh.length },
    });
  });
  return { refreshed: fresh.length };
}
