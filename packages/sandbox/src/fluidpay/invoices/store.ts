import { q, type Queryable } from "../core/schema";
import { rfc3339 } from "../recurring/time";
import "./ensure-schema";
import { invoiceTotals, parsePercentString, type InvoiceTotals, type TaxMode } from "./totals";
import type { AddressBody } from "./validate";

/** The normalised, stored form of an invoice's request fields (jsonb column `fields`). */
export interface StoredItem {
  id: string;
  status: "pending" | "paid";
  type: string;
  name: string;
  description: string;
  unit_price: number;
  quantity: number;
  quantity_shipped: number;
  product_code: string;
  commodity_code: string;
  unit_of_measure: string;
  alternate_tax_identifier: string;
  taxable: boolean;
  local_tax_rate: string;
  national_tax_rate: string;
  /** Combined item tax rate, "x.xxx" percent. */
  tax_rate: string;
  discount: number;
  discount_type: "$" | "%";
  freight_amount: number;
}

export interface InvoiceFields {
  currency: string;
  company_name: string;
  company_logo_url: string;
  customer_number: string;
  customer_id: string;
  invoice_number: string;
  payable_to: AddressBody;
  bill_to: AddressBody;
  date_due: string;
  items: StoredItem[];
  advanced_fields: boolean;
  enable_tax: boolean;
  enable_shipping: boolean;
  require_shipping_details: boolean;
  require_billing_details_on_payment_only: boolean;
  tax_percent: string;
  /** The flat tax given in the request (used when tax_percent is "0.000"). */
  tax: number;
  shipping: number;
  adjustment: number;
  allow_partial_payment: boolean;
  transaction_type: "sale" | "authorize";
  payment_methods: ("card" | "ach" | "mail")[];
  card_processor_id: string;
  ach_processor_id: string;
  message: string;
  send_via: "none" | "email" | "text" | "both";
  email_to: string;
}

export interface Invoice {
  id: string;
  public_hash: string;
  fields: InvoiceFields;
  amount_paid: number;
  status: string;
  marked_paid: boolean;
  last_sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const INVOICE_COLUMNS =
  "id, public_hash, fields, amount_paid, status, marked_paid, last_sent_at, created_at, updated_at";

export type InvoiceRow = Omit<Invoice, "amount_paid"> & { amount_paid: string | number };

export function fromRow(r: InvoiceRow): Invoice {
  return { ...r, amount_paid: Number(r.amount_paid) };
}

export function taxMode(f: InvoiceFields): TaxMode {
  if (!f.enable_tax) return { mode: "items" };
  const rate = parsePercentString(f.tax_percent) ?? 0;
  return rate === 0 ? { mode: "flat", amount: f.tax } : { mode: "percent", rate };
}

/** Totals of an invoice; `amountPaid` counts real payments (mark-as-paid is handled by the status). */
export function totalsOf(f: InvoiceFields, amountPaid: number): InvoiceTotals {
  return invoiceTotals({
    items: f.items.map((i) => ({
      quantity: i.quantity,
      unit_price: i.unit_price,
      discount: i.discount,
      discount_type: i.discount_type,
      taxable: i.taxable,
      tax_rate: parsePercentString(i.tax_rate) ?? 0,
      freight: i.freight_amount,
    })),
    tax: taxMode(f),
    shipping: f.shipping,
    adjustment: f.adjustment,
    amount_paid: amountPaid,
  });
}

/**
 * Status from money: nothing paid → pending (or declined after a declined attempt), some → partially_paid,
 * all → paid (authorized when the invoice charges by authorization). Mark-as-paid → paid.
 */
export function statusOf(
  f: InvoiceFields,
  amountPaid: number,
  opts: { markedPaid: boolean; lastDeclined?: boolean },
): string {
  if (opts.markedPaid) return "paid";
  const t = totalsOf(f, amountPaid);
  if (amountPaid > 0 && t.amount_due === 0) return f.transaction_type === "authorize" ? "authorized" : "paid";
  if (amountPaid > 0) return "partially_paid";
  return opts.lastDeclined ? "declined" : "pending";
}

export const ZERO_TIME = "0001-01-01T00:00:00Z";

export function hostedUrl(origin: string, publicHash: string): string {
  return `${origin}/sandbox/gateway/invoice/${publicHash}`;
}

/** The documented invoice object. */
export function invoiceWire(inv: Invoice, origin: string, merchantId: string) {
  const f = inv.fields;
  const t = totalsOf(f, inv.amount_paid);
  const amountPaid = inv.marked_paid ? t.total : inv.amount_paid;
  return {
    id: inv.id,
    merchant_id: merchantId,
    currency: f.currency,
    company_name: f.company_name,
    company_logo_url: f.company_logo_url,
    customer_number: f.customer_number,
    customer_id: f.customer_id,
    invoice_number: f.invoice_number,
    payable_to: addressWire(f.payable_to),
    bill_to: addressWire(f.bill_to),
    created_at: rfc3339(inv.created_at),
    date_due: rfc3339(f.date_due),
    items: f.items.map((i, n) => {
      const line = t.lines[n];
      return {
        id: i.id,
        type: i.type,
        name: i.name,
        description: i.description,
        product_code: i.product_code,
        commodity_code: i.commodity_code,
        quantity: i.quantity,
        quantity_shipped: i.quantity_shipped,
        unit_of_measure: i.unit_of_measure,
        alternate_tax_identifier: i.alternate_tax_identifier,
        unit_price: i.unit_price,
        discount: i.discount,
        discount_type: i.discount_type,
        discount_amount: line?.discount ?? 0,
        taxable: i.taxable,
        local_tax: i.local_tax_rate || "0",
        national_tax: i.national_tax_rate || "0",
        tax_rate: i.tax_rate || "0",
        tax_amount: line?.tax ?? 0,
        freight_amount: i.freight_amount,
        amount: line?.amount ?? 0,
        status: inv.status === "paid" ? "paid" : i.status,
      };
    }),
    advanced_fields: f.advanced_fields,
    enable_tax: f.enable_tax,
    enable_shipping: f.enable_shipping,
    require_shipping_details: f.require_shipping_details,
    require_billing_details_on_payment_only: f.require_billing_details_on_payment_only,
    subtotal: t.subtotal,
    tax_percent: f.tax_percent || "0.000",
    tax: t.tax,
    shipping: t.shipping,
    total: t.total,
    amount_paid: amountPaid,
    service_fees_paid: 0,
    surcharge_paid: 0,
    discount_credited: 0,
    adjustment: t.adjustment,
    amount_due: inv.marked_paid ? 0 : t.amount_due,
    allow_partial_payment: f.allow_partial_payment,
    transaction_type: f.transaction_type,
    payment_methods: f.payment_methods,
    card_processor_id: f.card_processor_id,
    ach_processor_id: f.ach_processor_id,
    status: inv.status,
    message: f.message,
    reject_message: "",
    send_via: f.send_via,
    email_to: f.email_to,
    last_sent_at: inv.last_sent_at ? rfc3339(inv.last_sent_at) : ZERO_TIME,
    updated_at: rfc3339(inv.updated_at),
    // The seed's example calls it public_url; services.md §5.5 public_hash. Both carry the same value.
    public_hash: inv.public_hash,
    public_url: inv.public_hash,
    hosted_url: hostedUrl(origin, inv.public_hash),
  };
}

function addressWire(a: AddressBody) {
  return {
    id: a.id ?? "",
    first_name: a.first_name ?? "",
    last_name: a.last_name ?? "",
    company: a.company ?? "",
    address_line_1: a.address_line_1 ?? "",
    address_line_2: a.address_line_2 ?? "",
    city: a.city ?? "",
    state: (a.state ?? "").toUpperCase(),
    postal_code: a.postal_code ?? "",
    country: (a.country ?? "").toUpperCase(),
    phone: a.phone ?? "",
    fax: a.fax ?? "",
    email: a.email ?? "",
  };
}

export async function getInvoice(
  accountId: string,
  id: string,
  db?: Queryable,
  forUpdate = false,
): Promise<Invoice | undefined> {
  const sql = `select ${INVOICE_COLUMNS} from sandbox_gateway.invoice_invoices where account_id = $1 and id = $2
    ${forUpdate ? "for update" : ""}`;
  const r = db ? await db.query<InvoiceRow>(sql, [accountId, id]) : await q<InvoiceRow>(sql, [accountId, id]);
  return r.rows[0] ? fromRow(r.rows[0]) : undefined;
}
