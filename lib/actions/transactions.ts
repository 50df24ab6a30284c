"use server";

import { merchantAction, merchantScope, revalidate } from "@/lib/actions/safe-action";
import { formatMoney } from "@/lib/money";
import { captureTransaction } from "@/lib/services/transactions/capture";
import { refundTransaction } from "@/lib/services/transactions/refund";
import { reverseTransaction } from "@/lib/services/transactions/reverse";
import { voidTransaction } from "@/lib/services/transactions/void";
import { adjustTip } from "@/lib/services/transactions/tip";
import { emailReceipt } from "@/lib/services/transactions/receipt";
import {
  captureTransactionSchema,
  refundTransactionSchema,
  reverseTransactionSchema,
  voidTransactionSchema,
  tipTransactionSchema,
  emailReceiptSchema,
} from "@/lib/validations/transactions";

function refresh(merchantId: string, transactionId: string) {
  revalidate(
    `/m/${merchantId}/transactions`,
    `/m/${merchantId}/transactions/${encodeURIComponent(transactionId)}`,
    `/m/${merchantId}`,
  );
}

export const captureTransactionAction = merchantAction(
  "transactions:capture",
  captureTransactionSchema,
  async (ctx, input) => {
    const t = await captureTransaction({ ...input, ...merchantScope(ctx) });
    refresh(ctx.merchant.id, t.id);
    return { status: t.status, message: `Captured ${formatMoney(t.capturedAmount, t.currency)}.` };
  },
);

export const voidTransactionAction = merchantAction("transactions:void", voidTransactionSchema, async (ctx, input) => {
  const t = await voidTransaction({ ...input, ...merchantScope(ctx) });
  refresh(ctx.merchant.id, t.id);
  return { status: t.status, message: "Voided. Nothing will settle for this transaction." };
});

export const refundTransactionAction = merchantAction(
  "transactions:refund",
  refundTransactionSchema,
  async (ctx, input) => {
    const r = await refundTransaction({ ...input, ...merchantScope(ctx) });
    refresh(ctx.merchant.id, r.original.id);
    return {
      status: r.original.status,
      refundId: r.refund?.id ?? null,
      message: `Refunded ${formatMoney(input.amount, r.original.currency)}.`,
    };
  },
);

export const reverseTransactionAction = merchantAction(
  "transactions:refund",
  reverseTransactionSchema,
  async (ctx, input) => {
    const r = await reverseTransaction({ ...input, ...merchantScope(ctx) });
    refresh(ctx.merchant.id, input.transactionId);
    return {
      status: r.transaction.status,
      via: r.via,
      message:
        r.via === "void"
          ? "Reversed by voiding it (it had not settled)."
          : `Reversed by refunding ${formatMoney(r.refunded, r.transaction.currency)} (it had settled).`,
    };
  },
);

export const tipTransactionAction = merchantAction("transactions:capture", tipTransactionSchema, async (ctx, input) => {
  const t = await adjustTip({ ...input, ...merchantScope(ctx) });
  refresh(ctx.merchant.id, t.id);
  return {
    status: t.status,
    message: `Tip of ${formatMoney(t.tipAmount, t.currency)} added: captured ${formatMoney(t.amount, t.currency)}.`,
  };
});

export const emailReceiptAction = merchantAction("merchant:view", emailReceiptSchema, async (ctx, input) => {
  await emailReceipt({ ...input, ...merchantScope(ctx) });
  return { message: `Receipt sent to ${input.to}.` };
});
