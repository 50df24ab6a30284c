import { getDb } from "@/db/client";
import { getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import { UserError } from "@/lib/errors";
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
  return store.pay(
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
}
