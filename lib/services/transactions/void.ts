import { fieldError } from "@/lib/errors";
import type { Transaction } from "@/lib/gateway/types";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { words } from "./capture";
import { type Actor, auditView, recordTransactionChange } from "./fetch";

export const VOIDABLE = new Set(["authorized", "pending_settlement"]);

/** Void before settlement (an authorization, an unsettled sale or refund). */
export async function voidTransaction(input: {
  merchantId: string;
  actor: Actor;
  transactionId: string;
}): Promise<Transaction> {
  const adapter = await gatewayForMerchant(input.merchantId);
  const before = await adapter.transactions.get(input.transactionId);
  if (!VOIDABLE.has(before.status)) {
    throw fieldError(
      "transactionId",
      before.status === "settled" || before.status === "partially_refunded"
        ? "This transaction has settled, so it can't be voided. Refund it instead."
        : `This transaction can't be voided: it is ${words(before.status)}.`,
    );
  }
  const after = await adapter.transactions.void(input.transactionId);
  // Voiding an unsettled refund gives its amount back to the original: re-read that too.
  const extra =
    before.type === "refund" && before.referencedTransactionId
      ? [await adapter.transactions.get(before.referencedTransactionId)]
      : [];
  await recordTransactionChange(input.merchantId, [after, ...extra], {
    actor: input.actor,
    action: "transaction.void",
    targetId: after.id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}
