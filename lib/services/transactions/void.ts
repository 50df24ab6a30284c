import { fieldError } from "@/lib/errors";
import type { GatewayAdapter, Transaction } from "@/lib/gateway/types";
import { words } from "./capture";
import { auditView, gatewayAndTransaction, recordTransactionChange, type TransactionChange } from "./fetch";

export const VOIDABLE = new Set(["authorized", "pending_settlement"]);

/** Void before settlement (an authorization, an unsettled sale or refund). */
export async function voidTransaction(input: TransactionChange): Promise<Transaction> {
  const { adapter, before } = await gatewayAndTransaction(input);
  if (!VOIDABLE.has(before.status)) {
    throw fieldError(
      "transactionId",
      before.status === "settled" || before.status === "partially_refunded"
        ? "This transaction has settled, so it can't be voided. Refund it instead."
        : `This transaction can't be voided: it is ${words(before.status)}.`,
    );
  }
  return voidAndRecord(adapter, input, before, "transaction.void");
}

/**
 * Voids `before` at the gateway and writes it through (cache and an audit row `action`, with `auditExtra` beside the
 * amounts). Voiding an unsettled refund gives its amount back to the original: that is re-read and cached too.
 */
export async function voidAndRecord(
  adapter: GatewayAdapter,
  input: TransactionChange,
  before: Transaction,
  action: string,
  auditExtra: Record<string, unknown> = {},
): Promise<Transaction> {
  const after = await adapter.transactions.void(input.transactionId);
  const extra =
    before.type === "refund" && before.referencedTransactionId
      ? [await adapter.transactions.get(before.referencedTransactionId)]
      : [];
  await recordTransactionChange(input.merchantId, [after, ...extra], {
    actor: input.actor,
    action,
    targetId: input.transactionId,
    before: auditView(before),
    after: { ...auditView(after), ...auditExtra },
  });
  return after;
}
