import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getInvoiceRow, nextInvoiceNumber } from "@/db/queries/invoices";
import { invoices } from "@/db/schema";
import { UserError } from "@/lib/errors";
import type { Invoice } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { writeAudit } from "@/lib/services/audit/write";
import { upsertInvoices } from "@/lib/sync/invoices";
import type { InvoiceForm } from "@/lib/validations/invoices";
import { invoicingGateway } from "./availability";
import { gatewayInvoiceInput } from "./build";
import { editable } from "./rules";

export interface Actor {
  userId: string;
}

function checkAgreement(merchantId: string, invoice: Invoice, expectedTotal: number) {
  if (invoice.total !== expectedTotal) {
    // Both sides follow docs/money.md; a difference is a bug to look at, and the gateway's figure is what is owed.
    log().warn(
      { merchantId, invoiceId: invoice.id, expectedTotal, gatewayTotal: invoice.total },
      "invoice totals differ",
    );
  }
}

async function cache(merchantId: string, actor: Actor, invoice: Invoice, form: InvoiceForm, action: string) {
  await getDb().transaction(async (tx) => {
    await upsertInvoices(tx, merchantId, [invoice]);
    await tx
      .update(invoices)
      .set({ form: form as unknown as Record<string, unknown>, sendVia: form.sendVia })
      .where(and(eq(invoices.merchantId, merchantId), eq(invoices.providerId, invoice.id)));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId,
      action,
      targetType: "invoice",
      targetId: invoice.id,
      after: { total: invoice.total, status: invoice.status, number: invoice.invoiceNumber },
    });
  });
}

/** Gateway first, then the returned invoice into the cache with the editor's form and one audit row. */
export async function createInvoice(merchantId: string, actor: Actor, form: InvoiceForm): Promise<{ id: string }> {
  const gateway = await invoicingGateway(merchantId);
  const numbered = form.number ? form : { ...form, number: await nextInvoiceNumber(getDb(), { merchantId }) };
  const { input, totals } = gatewayInvoiceInput(numbered);
  const invoice = await gateway.invoices.create(input);
  checkAgreement(merchantId, invoice, totals.total);
  await cache(merchantId, actor, invoice, numbered, "invoice.create");
  return { id: invoice.id };
}

export async function updateInvoice(
  merchantId: string,
  actor: Actor,
  invoiceId: string,
  form: InvoiceForm,
): Promise<{ id: string }> {
  const row = await getInvoiceRow(getDb(), { merchantId, invoiceId });
  if (!row) throw new UserError("invalid", "This invoice no longer exists.");
  const rule = editable(row);
  if (!rule.ok) throw new UserError("conflict", rule.reason);
  const gateway = await invoicingGateway(merchantId);
  const { input, totals } = gatewayInvoiceInput(form);
  if (totals.total < row.amountPaid) {
    throw new UserError("invalid", "The new total can't be less than what the customer has already paid.");
  }
  const invoice = await gateway.invoices.update(invoiceId, input);
  checkAgreement(merchantId, invoice, totals.total);
  await cache(merchantId, actor, invoice, form, "invoice.update");
  return { id: invoice.id };
}
