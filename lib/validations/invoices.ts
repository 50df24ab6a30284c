import { z } from "zod";
import { valuesOf } from "@/lib/labels";
import type { Invoice } from "@/lib/gateway/types";
import {
  centsToDecimalString,
  parseMoney,
  parsePercent,
  percentStringToThousandths,
  thousandthsToPercentString,
} from "@/lib/money";
import {
  computeInvoiceTotals,
  type InvoiceInput as TotalsInput,
  type InvoiceTotals,
  MAX_SURCHARGE_RATE,
} from "@/lib/totals";
import { addressFields, tokenSchema } from "./customers";
import { blankToUndefined, FORM_MAX_CENTS, optionalCents, optionalNumber, optionalText } from "./fields";
import { searchQuery } from "./search";

/**
 * Invoice forms, shared by the editor (live totals), the actions and the services. The editor posts its state
 * as one JSON field (`invoice`) so line items keep their shape; errors come back keyed by path
 * ("items.0.unitPrice", "billTo.city") and the editor shows them beside the input.
 */

export const INVOICE_TAB_LABELS = {
  all: "All",
  draft: "Draft",
  open: "Open",
  partially_paid: "Partially paid",
  paid: "Paid",
  void: "Void / declined",
  overdue: "Overdue",
};
export type InvoiceTab = keyof typeof INVOICE_TAB_LABELS;
export const INVOICE_TABS = valuesOf(INVOICE_TAB_LABELS);

export const SEND_CHANNEL_LABELS = {
  none: "Don't send (I'll share the link)",
  email: "Email",
  text: "Text message",
  both: "Email and text",
};
export type SendChannel = keyof typeof SEND_CHANNEL_LABELS;
export const SEND_CHANNELS = valuesOf(SEND_CHANNEL_LABELS);

const MAX_CENTS = FORM_MAX_CENTS;

// ---------------------------------------------------------------------------------------------------------
// The editor's state: what the person typed, as text.

export interface InvoiceLineDraft {
  name: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountType: "amount" | "percent";
  discount: string;
  taxRate: string;
  taxable: boolean;
}

export type AddressDraft = Partial<Record<keyof typeof addressFields, string>>;

export interface InvoiceDraft {
  number: string;
  customerId: string;
  dueDate: string;
  items: InvoiceLineDraft[];
  taxMode: "items" | "percent" | "flat";
  taxPercent: string;
  taxAmount: string;
  shipping: string;
  adjustment: string;
  paymentMethods: ("card" | "ach")[];
  allowPartialPayment: boolean;
  transactionType: "sale" | "authorize";
  message: string;
  sendVia: SendChannel;
  billTo: AddressDraft;
  payableTo: AddressDraft;
}

export function emptyLine(): InvoiceLineDraft {
  return {
    name: "",
    description: "",
    quantity: "1",
    unitPrice: "",
    discountType: "amount",
    discount: "",
    taxRate: "",
    taxable: true,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Parsing (server and editor)

/** An optional percentage up to 100% → thousandths of a percent; blank → 0. */
const percent = (label: string) =>
  optionalNumber(label, (v) => {
    const r = parsePercent(v);
    if (!r.ok) return { error: r.error };
    return r.thousandths > 100_000 ? { error: "at most 100%." } : r.thousandths;
  });

export const lineSchema = z.object({
  name: z.string().trim().min(1, "Give the item a name.").max(100, "Item name: at most 100 characters."),
  description: optionalText(255, "Description"),
  quantity: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string()
      .regex(/^\d{1,6}$/, "Quantity: a whole number.")
      .transform(Number)
      .refine((n) => n >= 1, "Quantity: at least 1."),
  ),
  unitPrice: optionalCents("Unit price"),
  discountType: z.enum(["amount", "percent"]).default("amount"),
  discount: z.string().optional(),
  taxRate: percent("Tax rate"),
  taxable: z.boolean().default(false),
});

const addressSchema = z.object(addressFields);

export const invoiceFormSchema = z
  .object({
    number: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9]{1,15}$/, "Invoice number: up to 15 letters and digits.")
        .optional(),
    ),
    customerId: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, "Pick a customer from the list.")
        .optional(),
    ),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a due date."),
    items: z.array(lineSchema).min(1, "Add at least one item.").max(100, "At most 100 items."),
    taxMode: z.enum(["items", "percent", "flat"]).default("items"),
    taxPercent: percent("Tax percent"),
    taxAmount: optionalCents("Tax"),
    shipping: optionalCents("Shipping"),
    adjustment: optionalCents("Adjustment", { allowNegative: true }),
    paymentMethods: z
      .array(z.enum(["card", "ach"]))
      .min(1, "Allow at least one payment method.")
      .transform((a) => [...new Set(a)]),
    allowPartialPayment: z.boolean().default(false),
    transactionType: z.enum(["sale", "authorize"]).default("sale"),
    message: optionalText(1000, "Message"),
    sendVia: z.enum(SEND_CHANNELS).default("none"),
    billTo: addressSchema,
    payableTo: addressSchema,
  })
  .superRefine((v, ctx) => {
    v.items.forEach((item, i) => {
      const raw = item.discount?.trim();
      if (!raw) return;
      const ok = item.discountType === "percent" ? parsePercent(raw) : parseMoney(raw, "USD", { max: MAX_CENTS });
      if (!ok.ok) ctx.addIssue({ code: "custom", message: `Discount: ${ok.error}`, path: ["items", i, "discount"] });
    });
    if ((v.sendVia === "email" || v.sendVia === "both") && !v.billTo.email) {
      ctx.addIssue({
        code: "custom",
        message: "Add the customer's email to send by email.",
        path: ["billTo", "email"],
      });
    }
    if ((v.sendVia === "text" || v.sendVia === "both") && !v.billTo.phone) {
      ctx.addIssue({ code: "custom", message: "Add the customer's phone to send a text.", path: ["billTo", "phone"] });
    }
    for (const who of ["billTo", "payableTo"] as const) {
      const a = v[who];
      const need = { line1: "Address line 1", city: "City", state: "State", postalCode: "Postal code" } as const;
      for (const [k, label] of Object.entries(need)) {
        if (!a[k as keyof typeof need])
          ctx.addIssue({ code: "custom", message: `${label} is required.`, path: [who, k] });
      }
    }
  });
export type InvoiceForm = z.output<typeof invoiceFormSchema>;

/** The editor posts `invoice` as JSON; a malformed body is a single form error, not a crash. */
const jsonField = z.preprocess((v, ctx) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    ctx.addIssue({ code: "custom", message: "The form could not be read. Reload the page." });
    return z.NEVER;
  }
}, invoiceFormSchema);

const providerId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Invoice not found.");

export const createInvoiceSchema = z.object({ merchantId: z.string(), invoice: jsonField });
export const updateInvoiceSchema = z.object({ merchantId: z.string(), invoiceId: providerId, invoice: jsonField });
export const invoiceRefSchema = z.object({ merchantId: z.string(), invoiceId: providerId });
export const sendInvoiceSchema = z.object({
  merchantId: z.string(),
  invoiceId: providerId,
  sendVia: z.enum(SEND_CHANNELS).default("none"),
});
export const markPaidSchema = z.object({
  merchantId: z.string(),
  invoiceId: providerId,
  method: z.enum(["cash", "check", "other"]),
  note: z.preprocess(blankToUndefined, z.string().max(255, "Note: at most 255 characters.").optional()),
});

// ---------------------------------------------------------------------------------------------------------
// Totals of a form (server) and of a draft (editor, tolerant of half-typed input)

export function lineDiscountOf(item: { discountType: "amount" | "percent"; discount?: string }) {
  const raw = item.discount?.trim();
  if (!raw) return null;
  if (item.discountType === "percent") {
    const r = parsePercent(raw);
    return r.ok ? { type: "percent" as const, rate: Math.min(r.thousandths, 100_000) } : null;
  }
  const r = parseMoney(raw, "USD", { max: MAX_CENTS });
  return r.ok ? { type: "amount" as const, amount: r.cents } : null;
}

export function totalsInputOf(form: InvoiceForm, amountPaid = 0): TotalsInput {
  return {
    lines: form.items.map((i) => ({
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      discount: lineDiscountOf(i),
      taxRate: i.taxRate,
      taxable: i.taxable,
    })),
    tax:
      form.taxMode === "percent"
        ? { mode: "percent", rate: form.taxPercent }
        : form.taxMode === "flat"
          ? { mode: "flat", amount: form.taxAmount }
          : { mode: "items" },
    shipping: form.shipping,
    adjustment: form.adjustment,
    amountPaid,
  };
}

function cents(v: string, allowNegative = false): number {
  const r = parseMoney(v, "USD", { max: MAX_CENTS, allowNegative });
  return r.ok ? r.cents : 0;
}
function rate(v: string): number {
  const r = parsePercent(v);
  return r.ok ? Math.min(r.thousandths, 100_000) : 0;
}
function qty(v: string): number {
  return /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : 0;
}

/** Live totals while typing: unreadable fields count as zero until they are fixed. */
export function draftTotals(d: InvoiceDraft, amountPaid = 0): InvoiceTotals {
  return computeInvoiceTotals({
    lines: d.items.map((i) => ({
      quantity: qty(i.quantity),
      unitPrice: Math.max(0, cents(i.unitPrice)),
      discount: lineDiscountOf(i),
      taxRate: rate(i.taxRate),
      taxable: i.taxable,
    })),
    tax:
      d.taxMode === "percent"
        ? { mode: "percent", rate: rate(d.taxPercent) }
        : d.taxMode === "flat"
          ? { mode: "flat", amount: Math.max(0, cents(d.taxAmount)) }
          : { mode: "items" },
    shipping: Math.max(0, cents(d.shipping)),
    adjustment: cents(d.adjustment, true),
    amountPaid,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Pay page

export const payInvoiceSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This payment link is not valid."),
  attemptId: z.uuid("Reload the page and try again."),
  // A token, never a card number (CardSecure tokens are 16 digits starting with 9; a Luhn-valid number is refused).
  paymentToken: tokenSchema,
  method: z.enum(["card", "ach"]),
  amount: optionalCents("Amount"),
  /** The card surcharge rate shown to the customer (thousandths of a percent); the charge refuses another. */
  surchargeRate: z.coerce.number().int().min(0).max(100_000).optional(),
});
export type PayInvoiceForm = z.output<typeof payInvoiceSchema>;

export const payPreviewSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This payment link is not valid."),
  bin: z.string().regex(/^\d{6,8}$/, "Card number not complete."),
  amount: optionalCents("Amount"),
});

export const payQuoteSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This payment link is not valid."),
  amount: optionalCents("Amount"),
});

// ---------------------------------------------------------------------------------------------------------
// Invoice settings

export const invoiceSettingsSchema = z.object({
  merchantId: z.string(),
  cardSurcharge: percent("Card surcharge").refine(
    (v) => v <= MAX_SURCHARGE_RATE,
    `Card surcharge: at most ${MAX_SURCHARGE_RATE / 1000}% (the card brands' cap).`,
  ),
});

// ---------------------------------------------------------------------------------------------------------
// List filters (page and CSV export read the same URL parameters)

const isoDate = z.preprocess(
  (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined),
  z.string().optional(),
);

/** Columns the invoice list can be sorted by (newest first by default). */
export const INVOICE_SORTS = ["created", "due", "total", "amountDue"] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

export const invoiceFiltersSchema = z.object({
  tab: z.preprocess((v) => (INVOICE_TABS.includes(v as InvoiceTab) ? v : "all"), z.enum(INVOICE_TABS)),
  q: searchQuery,
  dueFrom: isoDate,
  dueTo: isoDate,
  page: z.preprocess((v) => Math.max(1, Number.parseInt(String(v ?? "1"), 10) || 1), z.number()),
  sort: z.preprocess((v) => (INVOICE_SORTS.includes(v as InvoiceSort) ? v : "created"), z.enum(INVOICE_SORTS)),
  dir: z.preprocess((v) => (v === "asc" ? "asc" : "desc"), z.enum(["asc", "desc"])),
});
export type InvoiceFilters = z.output<typeof invoiceFiltersSchema>;

export function invoiceFiltersQuery(f: Partial<InvoiceFilters>): string {
  const s = new URLSearchParams();
  if (f.tab && f.tab !== "all") s.set("tab", f.tab);
  if (f.q) s.set("q", f.q);
  if (f.dueFrom) s.set("dueFrom", f.dueFrom);
  if (f.dueTo) s.set("dueTo", f.dueTo);
  if (f.sort && f.sort !== "created") s.set("sort", f.sort);
  if (f.dir === "asc") s.set("dir", "asc");
  if (f.page && f.page > 1) s.set("page", String(f.page));
  const qs = s.toString();
  return qs ? `?${qs}` : "";
}

// ---------------------------------------------------------------------------------------------------------
// Back to the editor: a saved form (or, for invoices made elsewhere, the gateway's invoice) → a draft

function moneyText(cents: number): string {
  return cents ? centsToDecimalString(cents) : "";
}
function percentText(thousandths: number): string {
  return thousandths ? thousandthsToPercentString(thousandths).replace(/\.?0+$/, "") : "";
}
function addressDraft(a: object | null | undefined): AddressDraft {
  const out: AddressDraft = {};
  for (const k of Object.keys(addressFields) as (keyof AddressDraft)[]) {
    const v = (a as Record<string, unknown> | null | undefined)?.[k];
    if (typeof v === "string" && v) out[k] = v;
  }
  return out;
}

export function draftFromForm(f: InvoiceForm): InvoiceDraft {
  return {
    number: f.number ?? "",
    customerId: f.customerId ?? "",
    dueDate: f.dueDate,
    items: f.items.map((i) => ({
      name: i.name,
      description: i.description ?? "",
      quantity: String(i.quantity),
      unitPrice: centsToDecimalString(i.unitPrice),
      discountType: i.discountType,
      discount: i.discount ?? "",
      taxRate: percentText(i.taxRate),
      taxable: i.taxable,
    })),
    taxMode: f.taxMode,
    taxPercent: percentText(f.taxPercent),
    taxAmount: moneyText(f.taxAmount),
    shipping: moneyText(f.shipping),
    adjustment: moneyText(f.adjustment),
    paymentMethods: f.paymentMethods,
    allowPartialPayment: f.allowPartialPayment,
    transactionType: f.transactionType,
    message: f.message ?? "",
    sendVia: f.sendVia,
    billTo: addressDraft(f.billTo),
    payableTo: addressDraft(f.payableTo),
  };
}

export function draftFromInvoice(i: Invoice): InvoiceDraft {
  const pct = i.taxPercent ? percentStringToThousandths(i.taxPercent) : 0;
  return {
    number: i.invoiceNumber ?? "",
    customerId: i.customerId ?? "",
    dueDate: i.dateDue ? i.dateDue.slice(0, 10) : "",
    items: i.items.map((it) => ({
      name: it.name,
      description: it.description ?? "",
      quantity: String(it.quantity),
      unitPrice: centsToDecimalString(it.unitPrice),
      discountType: "amount",
      discount: moneyText(it.discountAmount),
      taxRate: "",
      taxable: it.taxable,
    })),
    taxMode: pct ? "percent" : i.tax ? "flat" : "items",
    taxPercent: percentText(pct),
    taxAmount: pct ? "" : moneyText(i.tax),
    shipping: moneyText(i.shipping),
    adjustment: moneyText(i.adjustment),
    paymentMethods: i.paymentMethods.filter((m): m is "card" | "ach" => m === "card" || m === "ach"),
    allowPartialPayment: i.allowPartialPayment,
    transactionType: i.transactionType,
    message: i.message ?? "",
    sendVia: i.sendVia,
    billTo: addressDraft(i.billTo),
    payableTo: addressDraft(i.payableTo),
  };
}

/** Net 30: the default due date of a new invoice. */
export function defaultDueDate(now = new Date()): string {
  return new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
}
