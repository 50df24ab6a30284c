import { getDb } from "@/db/client";
import { getInvoicePayment, getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { appLink, enqueueMail } from "@/lib/services/mail/send";
import { formatMoney } from "@/lib/money";
import type { PayInvoiceForm } from "@/lib/validations/invoices";
import { invoiceStore } from "./availability";
import { hashToken, resolveLink } from "./links";
import { invoiceState } from "./rules";
import { LINK_NOT_VALID, type PayContext, type PayOutcome } from "./store";
import { assertPayAllowed } from "./throttle";

/**
 * The customer's payment from the hosted pay page: throttle, resolve the link to one merchant's one invoice,
 * check the method, then the merchant's invoice store charges it — one idempotency key per (invoice, attempt),
 * never beyond the amount due, written through to the invoice, the transactions cache and the audit log in the
 * same request (see store-gateway.ts and store-local.ts).
 */

export { LINK_NOT_VALID };
export type { PayContext, PayOutcome };

function assertPayable(row: InvoiceRow, method: "card" | "ach") {
  const state = invoiceState(row);
  if (state === "void") throw new UserError("conflict", "This invoice was cancelled by the merchant.");
  if (!row.paymentMethods.includes(method)) {
    throw new UserError(
      "invalid",
      method === "ach" ? "This invoice can't be paid by bank account." : "This invoice can't be paid by card.",
    );
  }
}

export async function payByLink(input: PayInvoiceForm, ctx: PayContext): Promise<PayOutcome> {
  const db = getDb();
  await assertPayAllowed(hashToken(input.token), ctx.ip);
  const link = await resolveLink(db, input.token);
  if (!link) throw new UserError("invalid", LINK_NOT_VALID);
  const row = await getInvoiceRow({ merchantId: link.merchantId, invoiceId: link.invoiceId }, db);
  if (!row) throw new UserError("invalid", LINK_NOT_VALID);
  assertPayable(row, input.method);
  const store = await invoiceStore(link.merchantId);
  const outcome = await store.pay(
    row,
    {
      attemptId: input.attemptId,
      paymentToken: input.paymentToken,
      method: input.method,
      amount: input.amount,
      surchargeRate: input.surchargeRate,
    },
    ctx,
  );
  if (outcome.outcome === "approved") await mailReceipt(row, input.token, outcome);
  return outcome;
}

/**
 * The customer's receipt email, once per payment (the idempotency key is the transaction): queued after the charge
 * is recorded; a failure to queue it is logged and never turns an approved payment into an error.
 */
async function mailReceipt(row: InvoiceRow, token: string, o: Extract<PayOutcome, { outcome: "approved" }>) {
  if (!row.customerEmail) return;
  try {
    const p = await getInvoicePayment({
      merchantId: row.merchantId,
      invoiceId: row.id,
      transactionId: o.paymentId,
    });
    if (!p) return;
    const tail = p.lastFour ? ` •••• ${p.lastFour}` : "";
    const method = p.methodKind === "ach" ? `Bank account${tail}` : `${brandWord(p.cardBrand)}${tail}`;
    await enqueueMail({
      template: "payment-receipt",
      to: row.customerEmail,
      merchantId: row.merchantId,
      reference: row.id,
      idempotencyKey: `payment-receipt:${row.merchantId}:${o.paymentId}`,
      props: {
        customerName: row.customerName,
        invoiceNumber: row.number,
        amountPaid: formatMoney(p.amount, p.currency),
        method,
        paidAt: p.createdAt.toISOString(),
        transactionId: p.id,
        remaining: o.amountDue > 0 ? formatMoney(o.amountDue, row.currency) : null,
        receiptUrl: appLink(`/pay/${token}/receipt/${encodeURIComponent(o.paymentId)}`),
      },
    });
  } catch (err) {
    log().error({ err, merchantId: row.merchantId, paymentId: o.paymentId }, "receipt email could not be queued");
  }
}

function brandWord(brand: string | null): string {
  if (!brand) return "Card";
  const b = brand.toLowerCase();
  const names: Record<string, string> = {
    visa: "Visa",
    mastercard: "Mastercard",
    amex: "American Express",
    discover: "Discover",
  };
  return names[b] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}
