import { fieldError } from "@/lib/errors";
import type { RefundResult, Transaction } from "@/lib/gateway/types";
import { formatMoney, subtractCents } from "@/lib/money";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { refundThroughStorefront } from "@/lib/services/elastic-path/refund";
import { words } from "./capture";
import { auditView, gatewayAndTransaction, recordTransactionChange, type TransactionChange } from "./fetch";
import { withMoneyOutLimit } from "./money-out";

export const REFUNDABLE = new Set(["settled", "partially_refunded"]);

/** What is left to refund on a settled transaction. */
export function refundableAmount(t: Pick<Transaction, "settledAmount" | "refundedAmount">): number {
  return Math.max(0, subtractCents(t.settledAmount, t.refundedAmount));
}

/** Rules a refund must pass before it reaches the gateway (the gateway enforces the amounts too). */
export function checkRefund(t: Transaction, amount: number): void {
  if (t.type === "refund" || t.type === "credit" || t.type === "verification") {
    throw fieldError("amount", `A ${t.type} can't be refunded.`);
  }
  if (!REFUNDABLE.has(t.status)) {
    throw fieldError(
      "amount",
      t.status === "authorized" || t.status === "pending_settlement"
        ? "This transaction has not settled yet, so it can't be refunded. Void it instead."
        : `This transaction can't be refunded: it is ${words(t.status)}.`,
    );
  }
  const left = refundableAmount(t);
  if (amount > left) {
    throw fieldError(
      "amount",
      left === 0
        ? "This transaction has been refunded in full."
        : `You can refund at most ${formatMoney(left, t.currency)} (settled ${formatMoney(t.settledAmount, t.currency)}, already refunded ${formatMoney(t.refundedAmount, t.currency)}).`,
    );
  }
}

/** Refund a settled transaction, partially or in full (refunds sum to at most the settled amount). */
export async function refundTransaction(input: TransactionChange & { amount: number }): Promise<RefundResult> {
  const { adapter, before } = await gatewayAndTransaction(input);
  checkRefund(before, input.amount);
  const out = { merchantId: input.merchantId, actor: input.actor, amount: input.amount, currency: before.currency };
  return withMoneyOutLimit(
    { ...out, kind: "refund" },
    async () => {
      // A storefront (Elastic Path) payment is refunded through the storefront, so its order learns of it.
      const result =
        (isCardPointeAdapter(adapter)
          ? await refundThroughStorefront(input.merchantId, adapter, before, input.amount)
          : null) ?? (await adapter.transactions.refund(input.transactionId, { amount: input.amount }));
      await recordRefund(input, before, result, input.amount, "transaction.refund");
      return result;
    },
    (r) => ({ reference: r.refund?.id ?? r.original.id }),
  );
}

/**
 * Writes a refund through: the original (and the refund, when the gateway made one) into the cache, and an audit
 * row `action` with the amount refunded (`auditExtra` beside the amounts).
 */
export async function recordRefund(
  input: TransactionChange,
  before: Transaction,
  result: RefundResult,
  amount: number,
  action: string,
  auditExtra: Record<string, unknown> = {},
): Promise<void> {
  await recordTransactionChange(
    input.merchantId,
    result.refund ? [result.original, result.refund] : [result.original],
    {
      actor: input.actor,
      action,
      targetId: before.id,
      before: auditView(before),
      after: {
        ...auditView(result.original),
        ...auditExtra,
        refundAmount: amount,
        refundTransactionId: result.refund?.id ?? null,
      },
    },
  );
}
