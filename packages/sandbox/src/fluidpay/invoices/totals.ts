import { percentOf } from "../recurring/amounts";

/**
 * The gateway emulator's own invoice arithmetic (kept independent of the portal's lib/totals.ts; both
 * follow the rule written in docs/sandbox/gateway-recurring-invoices.md and docs/money.md):
 * integer cents; every percentage product rounded half away from zero to the cent where it is computed —
 * per line for a percentage line discount (on quantity × unit price) and for item-level tax (on the
 * line's amount after discount), once for invoice-level percentage tax on the taxable base (the sum of
 * the discounted amounts of lines marked taxable). A line discount never exceeds its line; the total is
 * floored at 0; amount_due = max(0, total − amount_paid).
 *
 * Tax modes: enable_tax false → each taxable line at its own tax_rate; enable_tax with a non-zero
 * tax_percent → that percentage on the taxable base (item rates ignored, as the seed says invoice-level
 * tax overrides them); enable_tax with tax_percent "0.000" → the flat `tax` amount.
 * Shipping and the signed adjustment are added as given. A line's freight_amount (advanced fields) is
 * part of the line and the subtotal but is not taxed.
 */

export interface LineInput {
  quantity: number;
  unit_price: number;
  /** "$": `discount` in cents; "%": `discount` in thousandths of a percent (10000 = 10%). */
  discount_type: "$" | "%";
  discount: number;
  taxable: boolean;
  /** Item tax rate in thousandths of a percent (parsed from the wire's "8.250"). */
  tax_rate: number;
  /** Freight in cents, added to the line after tax (not taxed). */
  freight: number;
}

export type TaxMode = { mode: "items" } | { mode: "percent"; rate: number } | { mode: "flat"; amount: number };

export interface InvoiceInput {
  items: LineInput[];
  tax: TaxMode;
  shipping: number;
  adjustment: number;
  amount_paid: number;
}

export interface LineTotals {
  gross: number;
  discount: number;
  net: number;
  tax: number;
  freight: number;
  /** net + tax + freight */
  amount: number;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  subtotal: number;
  taxable_base: number;
  tax: number;
  shipping: number;
  adjustment: number;
  total: number;
  amount_due: number;
}

function line(item: LineInput, itemLevelTax: boolean): LineTotals {
  const gross = item.quantity * item.unit_price;
  const wanted = item.discount_type === "%" ? percentOf(gross, item.discount) : item.discount;
  const discount = Math.min(Math.max(0, wanted), gross);
  const net = gross - discount;
  const tax = itemLevelTax && item.taxable ? percentOf(net, item.tax_rate) : 0;
  return { gross, discount, net, tax, freight: item.freight, amount: net + tax + item.freight };
}

export function invoiceTotals(input: InvoiceInput): InvoiceTotals {
  const lines = input.items.map((i) => line(i, input.tax.mode === "items"));
  const subtotal = lines.reduce((t, l) => t + l.net + l.freight, 0);
  const taxableBase = lines.reduce((t, l, i) => t + (input.items[i]?.taxable ? l.net : 0), 0);
  let tax: number;
  if (input.tax.mode === "percent") tax = percentOf(taxableBase, input.tax.rate);
  else if (input.tax.mode === "flat") tax = input.tax.amount;
  else tax = lines.reduce((t, l) => t + l.tax, 0);
  const total = Math.max(0, subtotal + tax + input.shipping + input.adjustment);
  return {
    lines,
    subtotal,
    taxable_base: taxableBase,
    tax,
    shipping: input.shipping,
    adjustment: input.adjustment,
    total,
    amount_due: Math.max(0, total - input.amount_paid),
  };
}

/** "8.25" / "8.250" / "8" → 8250 thousandths of a percent; undefined when not a percentage string. */
export function parsePercentString(value: string): number | undefined {
  const m = /^(\d{1,6})(?:\.(\d{0,3})0*)?$/.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
}

/** 8250 → "8.250" */
export function formatPercentString(thousandths: number): string {
  return `${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, "0")}`;
}
