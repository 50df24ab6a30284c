import { fieldError } from "@/lib/errors";
import type { Transaction } from "@/lib/gateway/types";
import { words } from "./capture";
import { gatewayAndTransaction, type TransactionChange } from "./fetch";
import { withMoneyOutLimit } from "./money-out";
import { REFUNDABLE, checkRefund, recordRefund, refundableAmount } from "./refund";
import { VOIDABLE, voidAndRecord } from "./void";

export type ReverseOutcome =
  { via: "void"; transaction: Transaction } | { via: "refund"; transaction: Transaction; refunded: number };

/** What "Reverse" would do for a transaction in this status (the button's label says it before the click). */
export function reverseMethodFor(status: string): "void" | "refund" | null {
  if (VOIDABLE.has(status)) return "void";
  if (REFUNDABLE.has(status)) return "refund";
  return null;
}

/**
 * Undo a transaction the way its current status allows: void before settlement, refund of what is left after
 * it. The status is read from the gateway, not the cache, so a batch that closed a moment ago is respected.
 */
export async function reverseTransaction(input: TransactionChange): Promise<ReverseOutcome> {
  const { adapter, before } = await gatewayAndTransaction(input);
  const method =
    before.type === "refund" && before.status !== "pending_settlement" ? null : reverseMethodFor(before.status);
  if (method === "void") {
    const after = await voidAndRecord(adapter, input, before, "transaction.reverse", { via: "void" });
    return { via: "void", transaction: after };
  }
  if (method === "refund") {
    const amount = refundableAmount(before);
    checkRefund(before, amount);
    const out = { merchantId: input.merchantId, actor: input.actor, amount, currency: before.currency };
    return withMoneyOutLimit(
      { ...out, kind: "reverse" },
      async () => {
        const result = await adapter.transactions.refund(before.id, { amount });
        await recordRefund(input, before, result, amount, "transaction.reverse", { via: "refund" });
        return { via: "refund" as const, transaction: result.original, refunded: amount };
      },
      (r) => ({ reference: r.transaction.id }),
    );
  }
  throw fieldError("transactionId", `This transaction can't be reversed: it is ${words(before.status)}.`);
}
