import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoices } from "@/db/schema";
import type { Invoice } from "@/lib/gateway/types";
import { lockMerchantCache } from "./lock";
import { type MerchantEvent, emitMerchantEvents } from "./merchant-events";

type Row = typeof invoices.$inferInsert;

function name(i: Invoice): string | null {
  const a = i.billTo;
  const person = [a?.firstName, a?.lastName].filter(Boolean).join(" ").trim();
  return person || a?.company || i.companyName || null;
}

/** Domain invoice → cache row. Portal-owned columns (sent, voided, outside payment, form) are not touched here. */
export function rowFromInvoice(
  merchantId: string,
  i: Invoice,
  now = new Date(),
  source: "gateway" | "local" = "gateway",
): Row {
  return {
    merchantId,
    providerId: i.id,
    source,
    number: i.invoiceNumber,
    status: i.status,
    currency: i.currency.toUpperCase(),
    customerId: i.customerId,
    customerName: name(i),
    customerEmail: i.billTo?.email ?? i.emailTo ?? null,
    customerPhone: i.billTo?.phone ?? null,
    subtotal: i.subtotal,
    tax: i.tax,
    shipping: i.shipping,
    adjustment: i.adjustment,
    total: i.total,
    amountPaid: i.amountPaid,
    amountDue: i.amountDue,
    allowPartialPayment: i.allowPartialPayment,
    paymentMethods: i.paymentMethods,
    transactionType: i.transactionType,
    dueAt: i.dateDue ? new Date(i.dateDue) : null,
    document: i,
    providerCreatedAt: i.createdAt ? new Date(i.createdAt) : now,
    providerUpdatedAt: i.updatedAt ? new Date(i.updatedAt) : now,
    syncedAt: now,
  };
}

/**
 * Idempotent upsert keyed by (merchant, provider id), shared by write-through, webhooks and reconciliation.
 * An older copy never overwrites a newer one (webhooks may arrive after the write-through), and a payment
 * total never goes backwards on a tie.
 */
export async function upsertInvoices(
  db: DbOrTx,
  merchantId: string,
  list: Invoice[],
  source: "gateway" | "local" = "gateway",
): Promise<number> {
  if (list.length === 0) return 0;
  const now = new Date();
  const rows = list.map((i) => rowFromInvoice(merchantId, i, now, source));
  // Same lock order as every other cache write (merchant lock, then rows): a payment recording its invoice and
  // transaction and a webhook recording them in the other order must not deadlock.
  await lockMerchantCache(db, merchantId);
  const before = new Map(
    (
      await db
        .select({ id: invoices.providerId, status: invoices.status })
        .from(invoices)
        .where(
          and(
            eq(invoices.merchantId, merchantId),
            inArray(
              invoices.providerId,
              rows.map((r) => r.providerId),
            ),
          ),
        )
    ).map((r) => [r.id, r.status]),
  );
  const res = await db
    .insert(invoices)
    .values(rows)
    .onConflictDoUpdate({
      target: [invoices.merchantId, invoices.providerId],
      set: {
        number: sql`excluded.number`,
        status: sql`excluded.status`,
        currency: sql`excluded.currency`,
        customerId: sql`excluded.customer_id`,
        customerName: sql`excluded.customer_name`,
        customerEmail: sql`excluded.customer_email`,
        customerPhone: sql`excluded.customer_phone`,
        subtotal: sql`excluded.subtotal`,
        tax: sql`excluded.tax`,
        shipping: sql`excluded.shipping`,
        adjustment: sql`excluded.adjustment`,
        total: sql`excluded.total`,
        amountPaid: sql`excluded.amount_paid`,
        amountDue: sql`excluded.amount_due`,
        allowPartialPayment: sql`excluded.allow_partial_payment`,
        paymentMethods: sql`excluded.payment_methods`,
        transactionType: sql`excluded.transaction_type`,
        dueAt: sql`excluded.due_at`,
        document: sql`excluded.document`,
        providerUpdatedAt: sql`excluded.provider_updated_at`,
        syncedAt: sql`excluded.synced_at`,
      },
      setWhere: sql`${invoices.voidedAt} is null and (excluded.provider_updated_at > ${invoices.providerUpdatedAt}
        or (excluded.provider_updated_at = ${invoices.providerUpdatedAt} and excluded.amount_paid >= ${invoices.amountPaid}))`,
    })
    .returning({
      id: invoices.providerId,
      number: invoices.number,
      status: invoices.status,
      total: invoices.total,
      amountPaid: invoices.amountPaid,
      amountDue: invoices.amountDue,
      currency: invoices.currency,
      customerId: invoices.customerId,
    });
  // Announced to the merchant's webhook endpoints in this transaction: a new invoice, a new status, paid in full.
  const events: MerchantEvent[] = [];
  for (const r of res) {
    const prev = before.get(r.id);
    if (prev === r.status) continue;
    events.push({
      type: prev === undefined ? "invoice.created" : "invoice.updated",
      data: { ...r, previousStatus: prev ?? null },
    });
    if (r.status === "paid") events.push({ type: "invoice.paid", data: { ...r, previousStatus: prev ?? null } });
  }
  await emitMerchantEvents(db, merchantId, events);
  return res.length;
}
