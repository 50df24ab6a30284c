import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getInvoiceRow } from "@/db/queries/invoices";
import { invoices } from "@/db/schema";
import { UserError } from "@/lib/errors";
import type { Invoice } from "@/lib/gateway/types";
import { writeAudit } from "@/lib/services/audit/write";
import { computeInvoiceTotals } from "@/lib/totals";
import { type InvoiceForm, totalsInputOf } from "@/lib/validations/invoices";
import { invoiceStore } from "./availability";
import { editable } from "./rules";

export interface Actor {
  userId: string;
}

/** The editor's form beside the invoice row, and one audit row — in the store's own database transaction. */
function keep(merchantId: string, actor: Actor, form: InvoiceForm, action: string) {
  return async (tx: DbOrTx, invoice: Invoice) => {
    await tx
      .update(invoices)
      .set({
        form: { ...form, number: invoice.invoiceNumber } as unknown as Record<string, unknown>,
        sendVia: form.sendVia,
      })
      .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoice.id)));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action,
      targetType: "invoice",
      targetId: invoice.id,
      after: { total: invoice.total, status: invoice.status, number: invoice.invoiceNumber },
    });
  };
}

/** Through the merchant's invoice store (gateway first, or PostgreSQL for local invoices), with the form and audit. */
export async function createInvoice(merchantId: string, actor: Actor, form: InvoiceForm): Promise<{ id: string }> {
  const store = await invoiceStore(merchantId);
  const invoice = await store.create(form, keep(merchantId, actor, form, "invoice.create"));
  return { id: invoice.id };
}

export async function updateInvoice(
  merchantId: string,
  actor: Actor,
  invoiceId: string,
  form: InvoiceForm,
): Promise<{ id: string }> {
  const row = await getInvoiceRow({ merchantId, invoiceId });
  if (!row) throw new UserError("invalid", "This invoice no longer exists.");
  const rule = editable(row);
  if (!rule.ok) throw new UserError("conflict", rule.reason);
  const store = await invoiceStore(merchantId);
  if (computeInvoiceTotals(totalsInputOf(form)).total < row.amountPaid) {
    throw new UserError("invalid", "The new total can't be less than what the customer has already paid.");
  }
  const invoice = await store.update(row, form, keep(merchantId, actor, form, "invoice.update"));
  return { id: invoice.id };
}
