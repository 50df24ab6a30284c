import type { AddressInput, InvoiceInput } from "@/lib/gateway/types";
import { thousandthsToPercentString } from "@/lib/money";
import { computeInvoiceTotals, type InvoiceTotals } from "@/lib/totals";
import { type InvoiceForm, totalsInputOf } from "@/lib/validations/invoices";

function address(a: InvoiceForm["billTo"]): AddressInput {
  const out: AddressInput = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k as keyof AddressInput] = v;
  return { country: "US", ...out };
}

/** The due date is a calendar date; the invoice is due until the end of that day (UTC). */
export function dueTimestamp(dueDate: string): string {
  return `${dueDate}T23:59:59Z`;
}

/**
 * The editor's form → the gateway's invoice. Totals come from lib/totals; the gateway's item fields carry
 * only amounts, so a percentage discount is sent as its rounded amount, and item-level tax rates as the flat
 * invoice tax they add up to — the gateway then reaches the same total by the same written rule.
 */
export function gatewayInvoiceInput(form: InvoiceForm): { input: InvoiceInput; totals: InvoiceTotals } {
  const totals = computeInvoiceTotals(totalsInputOf(form));
  const tax =
    form.taxMode === "percent"
      ? { taxPercent: thousandthsToPercentString(form.taxPercent) }
      : { taxPercent: "0.000", tax: totals.tax };
  const input: InvoiceInput = {
    currency: "USD",
    invoiceNumber: form.number,
    customerId: form.customerId,
    companyName: form.billTo.company,
    payableTo: address(form.payableTo),
    billTo: address(form.billTo),
    dateDue: dueTimestamp(form.dueDate),
    items: form.items.map((item, i) => ({
      name: item.name,
      description: item.description,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      taxable: item.taxable,
      taxAmount: totals.lines[i]?.tax ?? 0,
      discountAmount: totals.lines[i]?.discount ?? 0,
    })),
    ...tax,
    shipping: form.shipping,
    adjustment: form.adjustment,
    allowPartialPayment: form.allowPartialPayment,
    paymentMethods: form.paymentMethods,
    transactionType: form.transactionType,
    message: form.message,
    // Delivery is the portal's (outbox); the gateway sends nothing itself.
    sendVia: "none",
  };
  return { input, totals };
}
