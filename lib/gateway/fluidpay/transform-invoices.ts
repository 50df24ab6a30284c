import type { Invoice, InvoiceInput, InvoiceQuery, InvoiceStatus } from "../types";
import type { WireInvoice } from "./schemas";
import { cents, currency, isoTime, text, toAddress, toWireAddress, wireSearchTime } from "./transform-shared";
import type { WireInvoiceBody, WireSearchBody } from "./types";

/** Invoices (`/api/invoice...`) ↔ domain. */

const INVOICE_STATUS: ReadonlySet<string> = new Set([
  "pending",
  "partially_paid",
  "paid",
  "authorized",
  "paying_via_mail",
  "declined",
  "failed",
  "rejected",
]);

export function invoiceStatus(v: string): InvoiceStatus {
  const t = v.toLowerCase();
  return INVOICE_STATUS.has(t) ? (t as InvoiceStatus) : "unknown";
}

function sendVia(v: string | null | undefined): Invoice["sendVia"] {
  const t = (v ?? "").toLowerCase();
  return t === "email" || t === "text" || t === "both" ? t : "none";
}

export function toInvoice(w: WireInvoice): Invoice {
  return {
    id: w.id,
    invoiceNumber: text(w.invoice_number),
    status: invoiceStatus(w.status),
    currency: currency(w.currency),
    companyName: text(w.company_name),
    customerId: text(w.customer_id),
    customerNumber: text(w.customer_number),
    payableTo: toAddress(w.payable_to),
    billTo: toAddress(w.bill_to),
    dateDue: isoTime(w.date_due),
    items: (w.items ?? []).map((i) => ({
      id: text(i.id),
      name: text(i.name) ?? "",
      description: text(i.description),
      quantity: i.quantity ?? 1,
      unitPrice: cents(i.unit_price),
      amount: cents(i.amount),
      taxable: i.taxable ?? false,
      taxAmount: cents(i.tax_amount),
      discountAmount: cents(i.discount_amount ?? i.discount),
      productCode: text(i.product_code),
      status: (i.status ?? "").toLowerCase() === "paid" ? "paid" : "pending",
    })),
    subtotal: cents(w.subtotal),
    taxPercent: text(w.tax_percent),
    tax: cents(w.tax),
    shipping: cents(w.shipping),
    adjustment: cents(w.adjustment),
    total: cents(w.total),
    amountPaid: cents(w.amount_paid),
    amountDue: cents(w.amount_due),
    allowPartialPayment: w.allow_partial_payment ?? false,
    paymentMethods: w.payment_methods ?? [],
    transactionType: (w.transaction_type ?? "").toLowerCase() === "authorize" ? "authorize" : "sale",
    message: text(w.message),
    sendVia: sendVia(w.send_via),
    emailTo: text(w.email_to),
    hostedUrl: text(w.hosted_url),
    // The seed's example names the public identifier `public_url`; services.md calls it `public_hash`.
    publicId: text(w.public_hash) ?? text(w.public_url),
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
    lastSentAt: isoTime(w.last_sent_at),
  };
}

/** Full body for create; for update, only the fields given (the gateway keeps the rest). */
export function toInvoiceBody(input: Partial<InvoiceInput>, mode: "create" | "update"): WireInvoiceBody {
  const create = mode === "create";
  const body: WireInvoiceBody = {
    currency: input.currency?.toUpperCase() ?? (create ? "USD" : undefined),
    invoice_number: input.invoiceNumber,
    company_name: input.companyName,
    customer_id: input.customerId,
    customer_number: input.customerNumber,
    payable_to: toWireAddress(input.payableTo),
    bill_to: toWireAddress(input.billTo),
    date_due: input.dateDue,
    items: input.items?.map((i) => ({
      status: "pending",
      name: i.name,
      description: i.description ?? "",
      unit_price: i.unitPrice,
      quantity: i.quantity,
      taxable: i.taxable ?? false,
      tax_amount: i.taxAmount ?? 0,
      discount_amount: i.discountAmount ?? 0,
      product_code: i.productCode ?? "",
    })),
    enable_tax: input.taxPercent !== undefined || input.tax !== undefined ? true : create ? false : undefined,
    tax_percent: input.taxPercent ?? (input.tax !== undefined ? "0.000" : create ? "0.000" : undefined),
    tax: input.tax,
    enable_shipping: input.shipping !== undefined ? true : create ? false : undefined,
    shipping: input.shipping,
    adjustment: input.adjustment,
    allow_partial_payment: input.allowPartialPayment,
    transaction_type: input.transactionType ?? (create ? "sale" : undefined),
    payment_methods: input.paymentMethods ?? (create ? ["card"] : undefined),
    // "" = the merchant's default processor (the seed allows empty strings here).
    card_processor_id: create ? "" : undefined,
    ach_processor_id: create ? "" : undefined,
    message: input.message,
    send_via: input.sendVia ?? (create ? "none" : undefined),
    email_to: input.emailTo,
  };
  return body;
}

export function toInvoiceSearchBody(q: InvoiceQuery = {}): WireSearchBody {
  const eq = (value: string | undefined) => (value === undefined ? undefined : { operator: "=" as const, value });
  return {
    id: eq(q.id),
    customer_id: eq(q.customerId),
    invoice_number: eq(q.invoiceNumber),
    status: eq(q.status),
    amount_due: q.amountDue ? { operator: q.amountDue.op, value: q.amountDue.value } : undefined,
    date_due:
      q.dueFrom || q.dueTo
        ? {
            start_date: wireSearchTime(q.dueFrom ?? "2000-01-01T00:00:00Z"),
            end_date: wireSearchTime(q.dueTo ?? "2100-01-01T00:00:00Z"),
          }
        : undefined,
    limit: Math.min(100, Math.max(1, Math.trunc(q.limit ?? 25))),
    offset: Math.max(0, Math.trunc(q.offset ?? 0)),
  };
}
