import { getDb } from "@/db/client";
import { getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { invoicingAvailability } from "./availability";
import { hashToken, resolveLink } from "./links";
import { invoiceState } from "./rules";
import { UserError, fieldError } from "@/lib/errors";
import { type Cents, formatMoney, thousandthsToPercentString } from "@/lib/money";
import { computeSurchargedPayment, validatePayment } from "@/lib/totals";
import { allowView, assertPayAllowed } from "./throttle";

export interface PayPage {
  row: InvoiceRow;
  state: ReturnType<typeof invoiceState>;
  /** Null when the invoice can't take a payment now (paid, void) or the gateway is unreachable. */
  tokenizer: TokenizerConfig | null;
  methods: ("card" | "ach")[];
  /** The card surcharge the portal adds (local invoices), thousandths of a percent; 0 = none. */
  surchargeRate: number;
  /** Why a method the invoice accepts can't be used online here (e.g. ACH on CardPointe). */
  notice: string | null;
}

/** What the public page needs, from a live link; null for unknown, expired and revoked links alike. */
export async function loadPayPage(token: string): Promise<PayPage | null> {
  const db = getDb();
  const link = await resolveLink(db, token);
  if (!link) return null;
  const row = await getInvoiceRow({ merchantId: link.merchantId, invoiceId: link.invoiceId }, db);
  if (!row) return null;
  const state = invoiceState(row);
  const methods = row.paymentMethods.filter((m): m is "card" | "ach" => m === "card" || m === "ach");
  let tokenizer: TokenizerConfig | null = null;
  let surchargeRate = 0;
  let notice: string | null = null;
  if (state !== "paid" && state !== "void" && row.amountDue > 0) {
    const a = await invoicingAvailability(link.merchantId);
    if (a.ok && a.gateway.capabilities.tokenizer) {
      const config = a.gateway.tokenizerConfig();
      const types = methods.filter((m) => config.paymentTypes.includes(m) && a.store.payMethods.includes(m));
      tokenizer = types.length ? { ...config, paymentTypes: types } : null;
      if (methods.includes("ach") && !types.includes("ach")) {
        notice = types.length
          ? `Bank account (ACH) payments aren't available online for ${row.merchantName}; you can pay by card here.`
          : `Online bank account (ACH) payments aren't available for ${row.merchantName}. Please contact them to pay.`;
      }
      if (types.includes("card")) surchargeRate = await a.store.surchargeRate();
    }
  }
  return { row, state, tokenizer, methods, surchargeRate, notice };
}

export interface PaymentPreview {
  /** The surcharge this payment carries (0: none). */
  surcharge: number;
  /** What this payment will charge. */
  total: number;
  /** A notice of a surcharge the payer is charged; null when there is none. */
  disclosure: string | null;
}

/**
 * Gateway-kept invoices, before the customer pays with the card entered. The gateway's invoice payment endpoint
 * charges exactly the invoice amount (it cannot carry a surcharge above the amount due), so whatever the card
 * programme's fee lookup would quote for the BIN, nothing is added and there is nothing to disclose: a notice
 * describing a surcharge the payer is not charged only misleads (issue 18 §2). The portal's own card surcharge on
 * local invoices is charged, and the pay form shows it with lib/totals.
 */
export async function previewPayment(token: string, _bin: string, amount: number, ip: string): Promise<PaymentPreview> {
  await assertPayAllowed(hashToken(token), ip);
  return { surcharge: 0, total: Math.max(0, amount), disclosure: null };
}

/**
 * The figures the pay form shows for paying `cents` (formatted, computed here by lib/totals so the browser carries no
 * money code): the amount toward the invoice, the card surcharge and what a card is charged, and what a bank
 * account is charged (no surcharge).
 */
export interface PayQuote {
  amount: string;
  surcharge: string;
  cardTotal: string;
  bankTotal: string;
  /** The surcharge rate as people read it ("3", "2.5"). */
  ratePct: string;
}

export function payQuote(cents: Cents, surchargeRate: number, currency: string): PayQuote {
  const card = computeSurchargedPayment(Math.max(0, cents), "card", surchargeRate);
  return {
    amount: formatMoney(card.amount, currency),
    surcharge: formatMoney(card.surcharge, currency),
    cardTotal: formatMoney(card.total, currency),
    bankTotal: formatMoney(Math.max(0, cents), currency),
    ratePct: thousandthsToPercentString(surchargeRate).replace(/\.?0+$/, ""),
  };
}

/**
 * The pay form's figures for the amount the customer typed (partial payments), or a field error on `amount` when it
 * cannot be paid. Throttled with the page views of the link.
 */
export async function quotePayment(token: string, cents: Cents, ip: string): Promise<PayQuote> {
  if (!(await allowView(hashToken(token), ip))) {
    throw new UserError("rate_limited", "Too many requests. Please wait a few minutes and try again.");
  }
  const data = await loadPayPage(token);
  if (!data?.tokenizer) throw new UserError("conflict", "This invoice can't be paid online right now.");
  const { row } = data;
  const check = validatePayment(row, cents, row.allowPartialPayment);
  if (!check.ok) {
    throw fieldError(
      "amount",
      `Enter an amount between ${formatMoney(1, row.currency)} and ${formatMoney(row.amountDue, row.currency)}.`,
    );
  }
  return payQuote(check.amount, data.surchargeRate, row.currency);
}
