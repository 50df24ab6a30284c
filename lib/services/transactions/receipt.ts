import { getDb } from "@/db/client";
import { getMailBrand } from "@/db/queries/mail";
import { getTransaction, type TransactionDetailRow } from "@/db/queries/transactions";
import { formatDateTime } from "@/lib/dates";
import { UserError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { signatureDataUrl } from "@/lib/signature-image";
import { methodSummary, TYPE_LABELS } from "@/lib/transaction-words";
import { writeAudit } from "@/lib/services/audit/write";
import { enqueueMail, type TemplateProps } from "@/lib/services/mail/send";
import type { Actor } from "./fetch";

/** What a receipt shows (print view and email): masked card, amounts, tip and signature when present. */
export interface Receipt {
  merchantName: string;
  transaction: TransactionDetailRow;
  lines: TemplateProps<"transaction-receipt">;
}

function statusWords(status: string): string {
  const s = status.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The receipt of one of the merchant's transactions (from the cache), or null when it has no such transaction. */
export async function receiptFor(merchantId: string, transactionId: string): Promise<Receipt | null> {
  const t = await getTransaction({ merchantId, transactionId });
  if (!t) return null;
  const brand = await getMailBrand({ merchantId });
  const money = (c: number) => formatMoney(c, t.currency);
  const tip = t.tipAmount > 0 ? t.tipAmount : 0;
  return {
    merchantName: brand?.name ?? "",
    transaction: t,
    lines: {
      kind: TYPE_LABELS[t.type] ?? t.type,
      subtotal: money(t.amount - tip),
      tip: tip > 0 ? money(tip) : null,
      total: money(t.amount),
      method: methodSummary(t),
      at: formatDateTime(t.createdAt),
      transactionId: t.id,
      authCode: t.authCode,
      status: statusWords(t.status),
      signatureUrl: signatureDataUrl(t.signature),
    },
  };
}

/**
 * Email a transaction's receipt over the mail queue (real SMTP, lib/services/mail). One message per form intent:
 * a double click sends once, a second "Send" (new intent) sends again.
 */
export async function emailReceipt(input: {
  merchantId: string;
  actor: Actor;
  transactionId: string;
  to: string;
  intentId: string;
}): Promise<{ messageId: string }> {
  const receipt = await receiptFor(input.merchantId, input.transactionId);
  if (!receipt) throw new UserError("invalid", "That transaction was not found.");
  return getDb().transaction(async (tx) => {
    const sent = await enqueueMail(
      {
        template: "transaction-receipt",
        to: input.to,
        merchantId: input.merchantId,
        props: receipt.lines,
        idempotencyKey: `transaction-receipt:${input.merchantId}:${input.transactionId}:${input.intentId}`,
        reference: input.transactionId,
        userId: null,
      },
      tx,
    );
    await writeAudit(tx, {
      actorUserId: input.actor.userId,
      merchantId: input.merchantId,
      action: "transaction.receipt_emailed",
      targetType: "transaction",
      targetId: input.transactionId,
      after: { to: input.to },
    });
    return { messageId: sent.id };
  });
}
