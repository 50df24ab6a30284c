"use server";

import { oncePerIntent } from "@/lib/services/intents";
import { intentField } from "@/lib/validations/intent";
import { getDb } from "@/db/client";
import { saveInvoiceSettings } from "@/db/queries/invoices";
import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import { writeAudit } from "@/lib/services/audit/write";
import { createInvoice, updateInvoice } from "@/lib/services/invoices/save";
import { sendInvoice } from "@/lib/services/invoices/send";
import { deleteInvoice, markInvoicePaid, voidInvoice } from "@/lib/services/invoices/status";
import {
  createInvoiceSchema,
  invoiceRefSchema,
  invoiceSettingsSchema,
  markPaidSchema,
  sendInvoiceSchema,
  updateInvoiceSchema,
} from "@/lib/validations/invoices";

/** Invoice actions: guard → validate → service (gateway first, then write-through and audit) → revalidate. */

function refresh(merchantId: string, invoiceId?: string) {
  revalidate(`/m/${merchantId}/invoices`, ...(invoiceId ? [`/m/${merchantId}/invoices/${invoiceId}`] : []));
}

export const createInvoiceAction = merchantAction(
  "invoices:edit",
  createInvoiceSchema.and(intentField),
  async (ctx, input) => {
    // A resubmission answers with the invoice the first created; its pay link (a credential) is not kept for it.
    const result = await oncePerIntent(
      { scope: ctx.merchant.id, kind: "invoice.create", intentId: input.intentId },
      async () => {
        const { id } = await createInvoice(ctx.merchant.id, { userId: ctx.user.id }, input.invoice);
        const sent =
          input.invoice.sendVia !== "none"
            ? await sendInvoice(ctx.merchant.id, { userId: ctx.user.id }, id, input.invoice.sendVia)
            : null;
        return { invoiceId: id, url: sent?.url ?? null };
      },
      (r) => ({ invoiceId: r.invoiceId, url: null }),
    );
    refresh(ctx.merchant.id, result.invoiceId);
    return result;
  },
);

export const updateInvoiceAction = merchantAction("invoices:edit", updateInvoiceSchema, async (ctx, input) => {
  const { id } = await updateInvoice(ctx.merchant.id, { userId: ctx.user.id }, input.invoiceId, input.invoice);
  refresh(ctx.merchant.id, id);
  return { invoiceId: id, url: null };
});

export const sendInvoiceAction = merchantAction("invoices:edit", sendInvoiceSchema, async (ctx, input) => {
  const r = await sendInvoice(ctx.merchant.id, { userId: ctx.user.id }, input.invoiceId, input.sendVia);
  refresh(ctx.merchant.id, input.invoiceId);
  return r;
});

export const markInvoicePaidAction = merchantAction("invoices:edit", markPaidSchema, async (ctx, input) => {
  await markInvoicePaid(ctx.merchant.id, { userId: ctx.user.id }, input.invoiceId, input);
  refresh(ctx.merchant.id, input.invoiceId);
  return { invoiceId: input.invoiceId };
});

export const voidInvoiceAction = merchantAction("invoices:edit", invoiceRefSchema, async (ctx, input) => {
  await voidInvoice(ctx.merchant.id, { userId: ctx.user.id }, input.invoiceId);
  refresh(ctx.merchant.id, input.invoiceId);
  return { invoiceId: input.invoiceId };
});

export const deleteInvoiceAction = merchantAction("invoices:edit", invoiceRefSchema, async (ctx, input) => {
  await deleteInvoice(ctx.merchant.id, { userId: ctx.user.id }, input.invoiceId);
  refresh(ctx.merchant.id);
  return { invoiceId: input.invoiceId };
});

/** The card surcharge the portal adds to card payments of the invoices it charges itself (0 = none). */
export const saveInvoiceSettingsAction = merchantAction(
  "settings:manage",
  invoiceSettingsSchema,
  async (ctx, input) => {
    await getDb().transaction(async (tx) => {
      await saveInvoiceSettings(
        {
          merchantId: ctx.merchant.id,
          cardSurchargeRate: input.cardSurcharge,
          userId: ctx.user.id,
        },
        tx,
      );
      await writeAudit(tx, {
        actorUserId: ctx.user.id,
        merchantId: ctx.merchant.id,
        action: "invoice.settings.update",
        targetType: "merchant",
        targetId: ctx.merchant.id,
        after: { cardSurchargeRate: input.cardSurcharge },
      });
    });
    revalidate(`/m/${ctx.merchant.id}/invoices/settings`);
    return { cardSurchargeRate: input.cardSurcharge };
  },
);
