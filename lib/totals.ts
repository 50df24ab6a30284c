/**
 * The one module that computes totals: invoices, virtual-terminal sales and recurring cycle amounts, for
 * every screen of the portal (live form totals, pay page, previews). The gateway sandbox follows the same
 * written rule in its own, independent code; property tests compare the two, so what a merchant sees is
 * what the gateway charges.
 *
 * Rounding rule (also in docs/money.md):
 *   - All amounts are integer minor units; percentages are integers in thousandths of a percent.
 *   - Every percentage product is rounded half away from zero to the minor unit where it is computed, once:
 *       · per invoice line for a percentage line discount (on quantity × unit price) and for item-level tax
 *         (on the line's amount after its discount);
 *       · once per invoice for invoice-level percentage tax, on the taxable base (the sum of the discounted
 *         amounts of the lines marked taxable);
 *       · once per terminal sale for a tax or tip percentage (on the base amount after discount);
 *       · once per add-on or discount percentage of a subscription (on the subscription amount).
 *   - Totals are exact sums of those rounded parts. Nothing is rounded twice, nothing is recomputed from a
 *     total.
 *   - Clamps, so no total is negative: a line discount never exceeds its line; a terminal discount never
 *     exceeds the base amount; an invoice total and a recurring cycle amount are floored at 0; amount due is
 *     max(0, total − amount paid).
 */
import {
  addCents,
  assertCents,
  assertNonNegativeCents as nonNegativeCents,
  assertRate as rate,
  type Cents,
  multiplyCents,
  percentOf,
  percentStringToThousandths,
  subtractCents,
  sumCents,
  THOUSANDTHS_PER_WHOLE,
} from "@/lib/money";
import type { InvoiceAmounts } from "@/lib/gateway/types-invoices";

// One cycle of a subscription is computed in lib/recurring/cycle-amount.ts and re-exported here, so every
// total still comes from this module.
export {
  adjustmentActive,
  type AdjustmentOverride,
  adjustmentValue,
  applyOverrides,
  type AppliedAdjustment,
  computeCycleAmount,
  type CycleAmount,
  type RecurringAdjustment,
  type RecurringPricing,
} from "@/lib/recurring/cycle-amount";

// ---------------------------------------------------------------------------------------------------------------
// Invoices

export type LineDiscount = { type: "amount"; amount: Cents } | { type: "percent"; rate: number };

export interface InvoiceLineInput {
  /** Non-negative integer (the gateway's items[].quantity is an integer). */
  quantity: number;
  unitPrice: Cents;
  discount?: LineDiscount | null;
  /** Item-level tax rate in thousandths of a percent; used only when the invoice has no invoice-level tax. */
  taxRate?: number | null;
  /** Whether tax applies to this line (item-level at its own rate, or as part of the invoice-level base). */
  taxable?: boolean;
  /** Freight in minor units (the seed's advanced `freight_amount`): part of the line, never taxed or discounted. */
  freight?: Cents;
}

/**
 * - `items`: no invoice-level tax (`enable_tax` false): each taxable line is taxed at its own rate.
 * - `percent`: invoice-level tax percent, overriding item rates (as the seed says), on the taxable base.
 * - `flat`: invoice-level tax as a flat amount (the seed's `tax_percent` "0.000" with `tax`).
 */
export type InvoiceTax = { mode: "items" } | { mode: "percent"; rate: number } | { mode: "flat"; amount: Cents };

export interface InvoiceInput {
  lines: readonly InvoiceLineInput[];
  tax?: InvoiceTax;
  shipping?: Cents;
  /** Signed payment adjustment added to the total. */
  adjustment?: Cents;
  amountPaid?: Cents;
}

export interface InvoiceLineTotals {
  /** quantity × unit price */
  gross: Cents;
  discount: Cents;
  /** gross − discount */
  net: Cents;
  taxable: boolean;
  /** Item-level tax on this line (0 when the invoice-level tax applies instead). */
  tax: Cents;
  freight: Cents;
  /** net + tax + freight: what the line contributes to the total. */
  amount: Cents;
}

export interface InvoiceTotals extends InvoiceAmounts {
  lines: InvoiceLineTotals[];
  /** Sum of line gross amounts (before line discounts). */
  itemsGross: Cents;
  /** Sum of line discounts. */
  discount: Cents;
  /** Sum of the net amounts of taxable lines. */
  taxableBase: Cents;
}

function lineTotals(line: InvoiceLineInput, index: number, itemLevelTax: boolean): InvoiceLineTotals {
  const what = `line ${index + 1}`;
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
    throw new RangeError(`${what}: quantity must be a non-negative integer`);
  }
  const gross = multiplyCents(nonNegativeCents(line.unitPrice, `${what}: unit price`), line.quantity);
  let discount = 0;
  if (line.discount?.type === "amount") discount = nonNegativeCents(line.discount.amount, `${what}: discount`);
  if (line.discount?.type === "percent") {
    discount = percentOf(gross, rate(line.discount.rate, `${what}: discount`, THOUSANDTHS_PER_WHOLE));
  }
  discount = Math.min(discount, gross);
  const net = subtractCents(gross, discount);
  const taxable = line.taxable === true;
  const tax = itemLevelTax && taxable ? percentOf(net, rate(line.taxRate, `${what}: tax rate`)) : 0;
  const freight = nonNegativeCents(line.freight, `${what}: freight`);
  return { gross, discount, net, taxable, tax, freight, amount: addCents(net, tax, freight) };
}

export function computeInvoiceTotals(input: InvoiceInput): InvoiceTotals {
  const taxMode = input.tax ?? { mode: "items" };
  const lines = input.lines.map((l, i) => lineTotals(l, i, taxMode.mode === "items"));
  const subtotal = sumCents(lines.flatMap((l) => [l.net, l.freight]));
  const taxableBase = sumCents(lines.filter((l) => l.taxable).map((l) => l.net));
  let tax: Cents;
  switch (taxMode.mode) {
    case "items":
      tax = sumCents(lines.map((l) => l.tax));
      break;
    case "percent":
      tax = percentOf(taxableBase, rate(taxMode.rate, "invoice tax percent"));
      break;
    case "flat":
      tax = nonNegativeCents(taxMode.amount, "invoice tax");
      break;
  }
  const shipping = nonNegativeCents(input.shipping, "shipping");
  const adjustment = assertCents(input.adjustment ?? 0, "adjustment");
  const total = Math.max(0, addCents(subtotal, tax, shipping, adjustment));
  const amountPaid = nonNegativeCents(input.amountPaid, "amount paid");
  return {
    lines,
    itemsGross: sumCents(lines.map((l) => l.gross)),
    discount: sumCents(lines.map((l) => l.discount)),
    subtotal,
    taxableBase,
    tax,
    shipping,
    adjustment,
    total,
    amountPaid,
    amountDue: Math.max(0, subtractCents(total, amountPaid)),
  };
}

/**
 * The seed's invoice tax fields → an InvoiceTax: `enable_tax` false → item level; `tax_percent` "0.000"
 * (or empty) → the flat `tax` amount; any other `tax_percent` → that percentage (and `tax` is recomputed).
 */
export function invoiceTaxFromGateway(fields: {
  enable_tax?: boolean | null;
  tax_percent?: string | null;
  tax?: Cents | null;
}): InvoiceTax {
  if (!fields.enable_tax) return { mode: "items" };
  const pct = fields.tax_percent?.trim() ? percentStringToThousandths(fields.tax_percent) : 0;
  if (pct === 0) return { mode: "flat", amount: nonNegativeCents(fields.tax, "tax") };
  return { mode: "percent", rate: pct };
}

export type PaymentCheck = { ok: true; amount: Cents } | { ok: false; error: string };

/**
 * Whether `amount` may be paid now against an invoice: positive, whole minor units, never beyond the amount
 * due, and exactly the amount due when partial payments are not allowed.
 */
export function validatePayment(
  totals: Pick<InvoiceTotals, "amountDue">,
  amount: Cents,
  allowPartial: boolean,
): PaymentCheck {
  if (!Number.isSafeInteger(amount)) return { ok: false, error: "Enter an amount in whole cents." };
  if (totals.amountDue <= 0) return { ok: false, error: "This invoice has nothing left to pay." };
  if (amount <= 0) return { ok: false, error: "Enter an amount greater than zero." };
  if (amount > totals.amountDue) return { ok: false, error: "The amount can't be more than the amount due." };
  if (!allowPartial && amount !== totals.amountDue) {
    return { ok: false, error: "This invoice must be paid in full." };
  }
  return { ok: true, amount };
}

// ---------------------------------------------------------------------------------------------------------------
// Virtual terminal

export type AmountOrPercent = { type: "amount"; amount: Cents } | { type: "percent"; rate: number };

export interface TerminalInput {
  baseAmount: Cents;
  /** Flat discount taken off the base amount (clamped to it). */
  discount?: Cents;
  /** Sales tax: an amount, or a percentage of the base amount after discount. */
  tax?: AmountOrPercent | null;
  shipping?: Cents;
  /** Tip: an amount, or a percentage of the base amount after discount (before tax). */
  tip?: AmountOrPercent | null;
  /** Surcharge as returned by the gateway's fee calculation. */
  surcharge?: Cents;
  /** Service fee / convenience fee as returned by the gateway's fee calculation. */
  serviceFee?: Cents;
}

export interface TerminalTotals {
  baseAmount: Cents;
  discount: Cents;
  /** baseAmount − discount: the base of tax and tip percentages. */
  subtotal: Cents;
  tax: Cents;
  shipping: Cents;
  tip: Cents;
  surcharge: Cents;
  serviceFee: Cents;
  /** subtotal + tax + shipping + tip + surcharge + serviceFee: the amount charged. */
  total: Cents;
}

function amountOrPercent(value: AmountOrPercent | null | undefined, base: Cents, what: string): Cents {
  if (!value) return 0;
  if (value.type === "amount") return nonNegativeCents(value.amount, what);
  return percentOf(base, rate(value.rate, what));
}

export function computeTerminalTotals(input: TerminalInput): TerminalTotals {
  const baseAmount = nonNegativeCents(input.baseAmount, "base amount");
  const discount = Math.min(nonNegativeCents(input.discount, "discount"), baseAmount);
  const subtotal = subtractCents(baseAmount, discount);
  const tax = amountOrPercent(input.tax, subtotal, "tax");
  const shipping = nonNegativeCents(input.shipping, "shipping");
  const tip = amountOrPercent(input.tip, subtotal, "tip");
  const surcharge = nonNegativeCents(input.surcharge, "surcharge");
  const serviceFee = nonNegativeCents(input.serviceFee, "service fee");
  return {
    baseAmount,
    discount,
    subtotal,
    tax,
    shipping,
    tip,
    surcharge,
    serviceFee,
    total: addCents(subtotal, tax, shipping, tip, surcharge, serviceFee),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Card surcharge on invoice payments

/** The highest card surcharge the portal lets a merchant set (3.000%, the card brands' cap). */
export const MAX_SURCHARGE_RATE = 3_000;

export interface SurchargedPayment {
  /** The invoice portion: what counts towards the invoice's amount paid. */
  amount: Cents;
  /** Added on top of the invoice portion; 0 for ACH and when the merchant does not surcharge. */
  surcharge: Cents;
  /** The rate applied, thousandths of a percent (0 when none). */
  rate: number;
  /** amount + surcharge: what the customer's card is charged. */
  total: Cents;
}

/**
 * A payment of `amount` toward an invoice by `method`, with the merchant's card surcharge rate: the surcharge is
 * `percentOf(amount, rate)`, rounded half away from zero once per payment, on the invoice portion only, and only
 * for cards. The invoice's amount paid grows by `amount`, never by the surcharge.
 */
export function computeSurchargedPayment(
  amount: Cents,
  method: "card" | "ach",
  surchargeRate: number,
): SurchargedPayment {
  const base = nonNegativeCents(amount, "payment amount");
  const r = method === "card" ? rate(surchargeRate, "surcharge rate", MAX_SURCHARGE_RATE) : 0;
  const surcharge = r > 0 ? percentOf(base, r) : 0;
  return { amount: base, surcharge, rate: surcharge > 0 ? r : 0, total: addCents(base, surcharge) };
}
