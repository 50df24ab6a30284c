import { fieldError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { captureThroughStorefront } from "@/lib/services/elastic-path/refund";
import type { Transaction } from "@/lib/gateway/types";
import { auditView, gatewayAndTransaction, recordTransactionChange, type TransactionChange } from "./fetch";

/** Capture an authorization, all of it or less (never more than authorized). */
export async function captureTransaction(
  input: TransactionChange & {
    /** Omitted = the whole authorized amount. */
    amount?: number;
  },
): Promise<Transaction> {
  const { adapter, before } = await gatewayAndTransaction(input);
  if (before.type !== "authorize" || before.status !== "authorized") {
    throw fieldError(
      "amount",
      before.type === "authorize" && before.status !== "authorized"
        ? `This authorization can't be captured: it is ${words(before.status)}.`
        : "Only an authorization can be captured.",
    );
  }
  const amount = input.amount ?? before.authorizedAmount;
  if (amount > before.authorizedAmount) {
    throw fieldError(
      "amount",
      `You can capture at most ${formatMoney(before.authorizedAmount, before.currency)}, the authorized amount.`,
    );
  }
  // A storefront (Elastic Path) authorization is captured through the storefront, so its order is charged there.
  const after =
    (isCardPointeAdapter(adapter) ? await captureThroughStorefront(input.merchantId, adapter, before, amount) : null) ??
    (await adapter.transactions.capture(input.transactionId, { amount }));
  await recordTransactionChange(input.merchantId, [after], {
    actor: input.actor,
    action: "transaction.capture",
    targetId: after.id,
    before: auditView(before),
    after: { ...auditView(after), requestedAmount: amount },
  });
  return after;
}

export function words(status: string): string {
  return status.replace(/_/g, " ");
}
