import { Declined } from "../errors";
import type {
  CreateTransactionInput,
  PaymentMethodSummary,
  PaymentSource,
  Transaction,
  TransactionQuery,
  TransactionStatus,
  TransactionType,
} from "../types";
import { avsResult, cvvResult } from "../verification-codes";
import type { WireTransaction } from "./schemas";
import {
  cardBrand,
  cents,
  currency,
  expiration,
  firstSix,
  isoTime,
  lastFour,
  text,
  toAddress,
  toWireAddress,
  wireExpiration,
  wireSearchTime,
} from "./transform-shared";
import type { WirePaymentMethodBody, WireSearchBody, WireTransactionBody } from "./types";

/**
 * Pure FluidPay ↔ domain mapping for transactions. Vault, recurring, invoices and the reporting endpoints live
 * in the sibling transform-*.ts files and are re-exported here, so callers import one module.
 */

export * from "./transform-shared";
export * from "./transform-vault";
export * from "./transform-recurring";
export * from "./transform-invoices";
export * from "./transform-operations";

const STATUS: Record<string, TransactionStatus> = {
  unknown: "unknown",
  pending: "pending",
  declined: "declined",
  authorized: "authorized",
  pending_settlement: "pending_settlement",
  settled: "settled",
  voided: "voided",
  // An auth reversal is a void as far as the merchant is concerned.
  reversed: "voided",
  refunded: "refunded",
  partially_refunded: "partially_refunded",
  returned: "returned",
  late_return: "returned",
  flagged: "flagged",
  flagged_partner: "flagged",
};

export function transactionStatus(s: string): TransactionStatus {
  return STATUS[s.toLowerCase()] ?? "unknown";
}

export function transactionType(s: string): TransactionType {
  const t = s.toLowerCase();
  if (t === "sale" || t === "authorize" || t === "verification" || t === "credit" || t === "refund") return t;
  if (t === "auth") return "authorize";
  return "sale";
}

/** Response-code reasons (services.md §5.4 ranges; codes from the gateway's response code list). */
const REASONS: Record<number, string> = {
  0: "Unknown result",
  99: "Payment pending",
  100: "Approved",
  101: "Approved, pending",
  110: "Partially approved",
  200: "Declined by the card issuer",
  201: "Do not honor",
  202: "Insufficient funds",
  203: "Over the card's limit",
  204: "Transaction not allowed for this card",
  220: "Incorrect payment information",
  221: "No such card issuer",
  222: "No card number on file with the issuer",
  223: "Expired card",
  224: "Invalid expiration date",
  225: "Invalid card security code",
  240: "Call the card issuer for more information",
  250: "Pick up card",
  251: "Lost card",
  252: "Stolen card",
  253: "Fraudulent card",
  261: "Declined: stop all recurring payments",
  262: "Declined: stop this recurring program",
  263: "Declined: update the cardholder data",
  264: "Declined: retry in a few days",
  300: "Rejected by the gateway",
  301: "Duplicate transaction",
  310: "Rejected by the gateway's fraud rules",
  400: "Processor error",
  410: "Invalid merchant configuration",
  411: "Merchant account is inactive",
  420: "Communication error with the processor",
  421: "The processor is unavailable",
  430: "Duplicate transaction at the processor",
  440: "Processor format error",
  441: "Invalid transaction information",
  460: "Processor feature not available",
  461: "Unsupported card type",
};

function rangeReason(code: number): string {
  if (code >= 100 && code < 200) return "Approved";
  if (code >= 200 && code < 300) return "Declined by the card issuer";
  if (code >= 300 && code < 400) return "Rejected by the gateway";
  if (code >= 400 && code < 500) return "Processor error";
  return "Unknown result";
}

function sentenceCase(s: string): string {
  const t = s.trim().toLowerCase();
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

/**
 * A person-readable reason: the specific code's meaning; for the generic codes (200, 300, 400) the processor's
 * own text is more specific ("LOST CARD") and wins when present.
 */
export function responseReason(code: number, processorText: string | null): string {
  const generic = code === 0 || code === 200 || code === 300 || code === 400;
  const known = REASONS[code];
  if (known && !generic) return known;
  const p = text(processorText);
  if (p && !/^approv/i.test(p)) return sentenceCase(p);
  return known ?? rangeReason(code);
}

type WireBody = NonNullable<WireTransaction["response_body"]>;

function responseBody(w: WireTransaction): WireBody {
  if (w.response_body) return w.response_body;
  if (w.response && typeof w.response === "object") return w.response;
  return {};
}

function paymentSummary(w: WireTransaction, body: WireBody): PaymentMethodSummary {
  const kind = (w.payment_method ?? "").toLowerCase();
  const type = (w.payment_type ?? "").toLowerCase();
  if (body.terminal || (kind === "terminal" && !body.card)) {
    const t = body.terminal;
    return {
      kind: "terminal",
      brand: cardBrand(t?.card_type),
      maskedNumber: text(t?.masked_card),
      lastFour: text(t?.last_four) ?? lastFour(t?.masked_card),
      entryType: text(t?.entry_type),
      cardholderName: text(t?.cardholder_name),
      signature: text(t?.signature_data),
    };
  }
  if (body.card || (type === "card" && !body.ach)) {
    const c = body.card;
    return {
      kind: "card",
      brand: cardBrand(c?.card_type),
      maskedNumber: text(c?.masked_card),
      firstSix: text(c?.first_six) ?? firstSix(c?.masked_card),
      lastFour: text(c?.last_four) ?? lastFour(c?.masked_card),
      expiration: expiration(c?.expiration_date),
      fundingType: text(c?.type),
      entryType: text(c?.entry_type),
    };
  }
  if (body.ach || kind === "ach" || type === "ach" || type === "echeck") {
    const a = body.ach;
    const accountType = text(a?.account_type)?.toLowerCase();
    return {
      kind: "ach",
      maskedAccount: text(a?.masked_account_number),
      lastFour: lastFour(a?.masked_account_number),
      accountType: accountType === "checking" || accountType === "savings" ? accountType : null,
      secCode: text(a?.sec_code),
    };
  }
  return { kind: "unknown" };
}

export function toTransaction(w: WireTransaction): Transaction {
  const body = responseBody(w);
  const method = body.card ?? body.terminal ?? null;
  const result = method ?? body.ach ?? null;
  const code = w.response_code ?? result?.response_code ?? 0;
  const status = transactionStatus(w.status);
  const approved = code >= 100 && code < 200 && status !== "declined";
  const amount = cents(w.amount);
  const authorized = cents(w.amount_authorized);
  const source = text(w.transaction_source);
  const poNumber = text(w.po_number);
  return {
    id: w.id,
    family: "fluidpay",
    type: transactionType(w.type),
    status,
    approved,
    partiallyApproved: approved && (code === 110 || (authorized > 0 && authorized < amount)),
    amount,
    baseAmount: w.base_amount ?? null,
    authorizedAmount: authorized,
    capturedAmount: cents(w.amount_captured),
    settledAmount: cents(w.amount_settled),
    refundedAmount: cents(w.amount_refunded),
    taxAmount: cents(w.tax_amount),
    shippingAmount: cents(w.shipping_amount),
    tipAmount: cents(w.tip_amount),
    surchargeAmount: cents(w.surcharge ?? w.surcharge_amount),
    discountAmount: cents(w.discount_amount),
    serviceFeeAmount: cents(w.service_fee),
    currency: currency(w.currency),
    paymentMethod: paymentSummary(w, body),
    avs: avsResult(method?.avs_response_code),
    cvv: cvvResult(method?.cvv_response_code),
    responseCode: code,
    responseText: responseReason(code, result?.processor_response_text ?? null),
    authCode: text(result?.auth_code),
    processorResponseCode: text(result?.processor_response_code),
    orderId: text(w.order_id),
    poNumber,
    description: text(w.description),
    customerId: text(w.customer_id),
    customerPaymentMethodId: text(w.customer_payment_id),
    subscriptionId: text(w.subscription_id),
    // Invoice payments carry the invoice id in po_number (seed 003, "Invoices" tip).
    invoiceId: text(w.invoice_id) ?? (source === "invoice" ? poNumber : null),
    batchId: text(w.settlement_batch_id),
    referencedTransactionId: text(w.referenced_transaction_id),
    idempotencyKey: text(w.idempotency_key),
    source,
    billingAddress: toAddress(w.billing_address),
    shippingAddress: toAddress(w.shipping_address),
    createdAt: isoTime(w.created_at),
    updatedAt: isoTime(w.updated_at),
    capturedAt: isoTime(w.captured_at),
    settledAt: isoTime(w.settled_at),
  };
}

/** A transaction the gateway did not approve (HTTP 200 with data.status "declined", or a non-1xx code). */
export function isDeclined(t: Transaction): boolean {
  return !t.approved && (t.status === "declined" || t.responseCode >= 200);
}

export function toDeclined(t: Transaction): Declined {
  return new Declined({ code: t.responseCode, reason: t.responseText, avs: t.avs, cvv: t.cvv, transaction: t });
}

export function toWirePaymentMethod(source: PaymentSource): WirePaymentMethodBody {
  switch (source.kind) {
    case "token":
      return { token: source.token };
    case "card":
      return {
        card: {
          entry_type: "keyed",
          number: source.number.replace(/\D/g, ""),
          expiration_date: wireExpiration(source.expiration),
          cvc: source.cvc,
        },
      };
    case "ach":
      return {
        ach: {
          routing_number: source.routingNumber,
          account_number: source.accountNumber,
          sec_code: source.secCode,
          account_type: source.accountType,
          check_number: source.checkNumber,
        },
      };
    case "customer":
      return {
        customer: {
          id: source.customerId,
          payment_method_id: source.paymentMethodId,
          payment_method_type: source.paymentMethodType,
          billing_address_id: source.billingAddressId,
          shipping_address_id: source.shippingAddressId,
        },
      };
    case "terminal":
      return {
        terminal: {
          id: source.terminalId,
          print_receipt: source.printReceipt ?? "no",
          signature_required: source.signatureRequired ?? false,
        },
      };
  }
}

export function toTransactionBody(input: CreateTransactionInput): WireTransactionBody {
  return {
    type: input.type,
    amount: input.amount,
    base_amount: input.baseAmount,
    currency: input.currency?.toUpperCase(),
    idempotency_key: input.idempotencyKey,
    idempotency_time: input.idempotencyWindowSeconds,
    payment_method: toWirePaymentMethod(input.source),
    tax_amount: input.taxAmount,
    tax_exempt: input.taxExempt,
    shipping_amount: input.shippingAmount,
    tip_amount: input.tipAmount,
    discount_amount: input.discountAmount,
    surcharge: input.surchargeAmount,
    order_id: input.orderId,
    po_number: input.poNumber,
    description: input.description,
    ip_address: input.ipAddress,
    email_receipt: input.emailReceiptTo ? true : undefined,
    email_address: input.emailReceiptTo,
    billing_address: toWireAddress(input.billingAddress),
    shipping_address: toWireAddress(input.shippingAddress),
    create_vault_record: input.saveToVault,
    allow_partial_payment: input.allowPartialPayment,
    processor_id: input.processorId,
    initiated_by: input.initiatedBy,
    billing_method: input.billingMethod,
  };
}

/** Fills an open side of a date range (the wire wants both ends). */
export function dateRange(from: string | undefined, to: string | undefined, now = new Date()) {
  if (!from && !to) return undefined;
  const end = to ?? new Date(now.getTime() + 24 * 3600 * 1000).toISOString();
  return { start_date: wireSearchTime(from ?? "2000-01-01T00:00:00Z"), end_date: wireSearchTime(end) };
}

export const MAX_PAGE = 100;

export function pageLimit(limit: number | undefined, fallback = 25): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.trunc(limit ?? fallback)));
}

function eq(value: string | undefined) {
  return value === undefined ? undefined : { operator: "=" as const, value };
}

export function toTransactionSearchBody(q: TransactionQuery = {}, now = new Date()): WireSearchBody {
  return {
    transaction_id: eq(q.id),
    status: eq(q.status),
    type: eq(q.type),
    customer_id: eq(q.customerId),
    order_id: eq(q.orderId),
    po_number: eq(q.poNumber),
    payment_method: eq(q.paymentMethod),
    amount: q.amount ? { operator: q.amount.op, value: q.amount.value } : undefined,
    created_at: dateRange(q.createdFrom, q.createdTo, now),
    settled_at: dateRange(q.settledFrom, q.settledTo, now),
    limit: pageLimit(q.limit),
    offset: Math.max(0, Math.trunc(q.offset ?? 0)),
  };
}
