import { getDb } from "@/db/client";
import { getInvoiceRow, type InvoiceRow } from "@/db/queries/invoices";
import type { TokenizerConfig } from "@/lib/gateway/types";
import { log } from "@/lib/log";
import { formatMoney } from "@/lib/money";
import { invoicingAvailability } from "./availability";
import { hashToken, resolveLink } from "./links";
import { invoiceState } from "./rules";
import { assertPayAllowed } from "./throttle";

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
  /** The surcharge the gateway's fee lookup quotes for this card (0: none, e.g. debit or no programme). */
  surcharge: number;
  /** What this payment will charge. */
  total: number;
  disclosure: string | null;
}

/**
 * Gateway-kept invoices: surcharge disclosure before the customer pays, from the gateway's fee lookup on the
 * card's BIN. The gateway's invoice payment endpoint charges exactly the invoice amount (it cannot carry a
 * surcharge above the amount due), so the notice says so rather than promising a fee that is not charged.
 * (Local invoices add the merchant's portal surcharge instead; the page computes it with lib/totals.)
 */
export async function previewPayment(token: string, bin: string, amount: number, ip: string): Promise<PaymentPreview> {
  await assertPayAllowed(hashToken(token), ip);
  const none = { surcharge: 0, total: amount, disclosure: null };
  const link = await resolveLink(getDb(), token);
  if (!link || amount <= 0) return none;
  const a = await invoicingAvailability(link.merchantId);
  if (!a.ok || a.store.source !== "gateway" || !a.gateway.capabilities.feeCalculation) return none;
  try {
    const q = await a.gateway.fees.lookup({ baseAmount: amount, bin, paymentMethod: "card" });
    if (q.surcharge <= 0) return none;
    return {
      surcharge: q.surcharge,
      total: amount,
      disclosure:
        `Surcharge notice: this is a credit card, which this business's card programme surcharges ` +
        `(${formatMoney(q.surcharge)} on this amount). Invoice payments are charged without it — ` +
        `you will be charged ${formatMoney(amount)}. Debit cards and bank payments are never surcharged.`,
    };
  } catch (err) {
    log().info({ err }, "fee lookup unavailable on the pay page");
    return none;
  }
}
