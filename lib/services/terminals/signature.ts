import { UserError } from "@/lib/errors";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import type { Transaction } from "@/lib/gateway/types";
import { type Actor, auditView, recordTransactionChange } from "@/lib/services/transactions/fetch";
import { inUseAsConflict } from "./run";

/**
 * Ask the customer to sign on the terminal after a card-present sale and attach the signature to the transaction:
 * `readSignature` on the Integrated Terminal, then the Gateway's `sigcap` (both documented, services.md §2 and §3.2).
 * The signature is stored as the gateway returns it (a base64 image; no card data) and shown on the transaction.
 */
export async function captureSignature(input: {
  merchantId: string;
  actor: Actor;
  transactionId: string;
  terminalId: string;
  force?: boolean;
}): Promise<Transaction> {
  const adapter = await gatewayForMerchant(input.merchantId);
  if (!isCardPointeAdapter(adapter)) {
    throw new UserError(
      "unavailable",
      "Signatures are taken with the sale on this gateway's terminals (ask for one before sending the sale).",
    );
  }
  const before = await adapter.transactions.get(input.transactionId);
  if (!before.approved) throw new UserError("invalid", "Only an approved transaction can be signed for.");
  const signature = await inUseAsConflict(() =>
    adapter.terminals.readSignature(input.terminalId, { force: input.force }),
  );
  await adapter.sigcap(before.id, signature);
  const after = await adapter.transactions.get(before.id);
  await recordTransactionChange(input.merchantId, [after], {
    actor: input.actor,
    action: "transaction.signature",
    targetId: after.id,
    before: auditView(before),
    after: { ...auditView(after), terminalId: input.terminalId },
  });
  return after;
}
