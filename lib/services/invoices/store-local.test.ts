import { describe, expect, it } from "vitest";
import { computeInvoiceTotals } from "@/lib/totals";
import { invoiceFormSchema, totalsInputOf } from "@/lib/validations/invoices";
import { localInvoice, localStatus } from "./store-local";
import { invoiceState } from "./rules";

const form = invoiceFormSchema.parse({
  number: "INV2001",
  dueDate: "2030-03-31",
  items: [
    { name: "Hammer", quantity: "2", unitPrice: "24.99", taxable: true },
    { name: "Nails", quantity: "5", unitPrice: "3.49", discountType: "percent", discount: "10", taxable: true },
    { name: "Key cutting", quantity: "3", unitPrice: "4.00" },
  ],
  taxMode: "percent",
  taxPercent: "8.25",
  shipping: "9.95",
  paymentMethods: ["card"],
  billTo: { firstName: "Ada", line1: "1 Main", city: "Springfield", state: "IL", postalCode: "62701" },
  payableTo: { company: "Corner Hardware", line1: "1 Main", city: "Springfield", state: "IL", postalCode: "62701" },
});

describe("local invoices: status and document", () => {
  it("status follows the payments, in the gateway family's words (so one state rule reads both)", () => {
    expect(localStatus({ total: 1000, amountPaid: 0, transactionType: "sale" })).toBe("pending");
    expect(localStatus({ total: 1000, amountPaid: 0, transactionType: "sale", lastDeclined: true })).toBe("declined");
    expect(localStatus({ total: 1000, amountPaid: 400, transactionType: "sale", lastDeclined: true })).toBe(
      "partially_paid",
    );
    expect(localStatus({ total: 1000, amountPaid: 1000, transactionType: "sale" })).toBe("paid");
    expect(localStatus({ total: 1000, amountPaid: 1000, transactionType: "authorize" })).toBe("authorized");
    expect(localStatus({ total: 1000, amountPaid: 200, transactionType: "sale", markedPaid: true })).toBe("paid");
  });

  it("the document carries lib/totals' figures line by line, keeps what was paid, and is due until the end of the due day", () => {
    const totals = computeInvoiceTotals(totalsInputOf(form));
    const { invoice } = localInvoice("inv_1", { ...form, number: "INV2001" }, { amountPaid: 1500 });
    expect(invoice).toMatchObject({
      id: "inv_1",
      invoiceNumber: "INV2001",
      status: "partially_paid",
      subtotal: totals.subtotal,
      tax: totals.tax,
      shipping: 995,
      total: totals.total,
      amountPaid: 1500,
      amountDue: totals.total - 1500,
      taxPercent: "8.250",
      dateDue: "2030-03-31T23:59:59Z",
    });
    expect(invoice.items.map((i) => i.amount)).toEqual(totals.lines.map((l) => l.amount));
    expect(invoice.billTo).toMatchObject({ firstName: "Ada", country: "US", lastName: null });
    expect(invoiceState({ status: invoice.status, amountPaid: 1500, sentAt: new Date(), voidedAt: null })).toBe(
      "partially_paid",
    );
  });

  it("an invoice marked paid outside stays paid with nothing due when edited", () => {
    const { invoice } = localInvoice("inv_2", { ...form, number: "INV2002" }, { amountPaid: 0, status: "paid" });
    expect(invoice).toMatchObject({ status: "paid", amountDue: 0 });
  });
});
