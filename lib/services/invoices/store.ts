import type { DbOrTx } from "@/db/client";
import type { InvoiceRow } from "@/db/queries/invoices";
import type { GatewayAdapter, Invoice } from "@/lib/gateway/types";
import type { InvoiceForm } from "@/lib/validations/invoices";

/**
 * Where a merchant's invoices live — the one seam between the invoice screens and the two gateway families:
 *  - `gateway` (FluidPay family): the gateway keeps the invoice and charges it; the portal's table is a cache
 *    converged by write-through, webhooks and reconciliation (store-gateway.ts);
 *  - `local` (CardPointe, which has no invoice API): PostgreSQL is the record; the portal numbers the invoice,
 *    computes its totals by lib/totals, and charges it with a CardSecure token and `auth` (store-local.ts).
 * Services (save, send, status, pay) and pages ask the store; nothing else branches on the family.
 */

/** Work done in the same database transaction as the store's write of the invoice row (form, audit). */
export type Within = (tx: DbOrTx, invoice: Invoice) => Promise<void>;

export interface PayRequest {
  attemptId: string;
  paymentToken: string;
  method: "card" | "ach";
  amount: number;
  /** The card surcharge rate the customer was shown (local store); a different current rate is refused. */
  surchargeRate?: number;
}

export type PayOutcome =
  | { outcome: "approved"; paymentId: string; amountDue: number; state: string }
  | { outcome: "declined"; message: string };

export interface PayContext {
  ip: string;
}

export interface InvoiceStore {
  readonly source: "gateway" | "local";
  readonly merchantId: string;
  readonly gateway: GatewayAdapter;
  /** Methods the customer can pay with online (what the provider's tokenizer takes). */
  readonly payMethods: ("card" | "ach")[];
  /** The card surcharge rate added to card payments by the portal (thousandths of a percent; 0 = none). */
  surchargeRate(): Promise<number>;
  create(form: InvoiceForm, within: Within): Promise<Invoice>;
  update(row: InvoiceRow, form: InvoiceForm, within: Within): Promise<Invoice>;
  markPaid(row: InvoiceRow, within: Within): Promise<Invoice>;
  /** Takes the invoice away where it lives outside the portal (void, delete); checks in-flight payments. */
  discard(row: InvoiceRow, why: "void" | "delete"): Promise<void>;
  pay(row: InvoiceRow, request: PayRequest, ctx: PayContext): Promise<PayOutcome>;
}

export const LINK_NOT_VALID = "This payment link is not valid.";

export function customerDeclineMessage(reason: string, merchantName: string): string {
  const r = reason.replace(/\.$/, "");
  return `Your payment was declined (${r}). Nothing was charged. Try another card or account, or contact ${merchantName}.`;
}
