import { cardPointeAmountToCents, centsToCardPointeAmount } from "@/lib/money";
import { Declined, InvalidRequest, NotFound, type FieldError, type GatewayError } from "../errors";
import type { CardBrand, Cents, PaymentMethodSummary, Transaction, TransactionStatus, TransactionType } from "../types";
import { NO_AMOUNT_PARTS } from "../types-transactions";
import { avsResult, cvvResult } from "../verification-codes";
import type { WireTxn } from "./schemas";

/**
 * Pure mapping between CardPointe's wire format and the domain. Amounts cross only through lib/money's decimal
 * helpers ("11.11" ↔ 1111); nothing here does float math on money.
 */

export const toWireAmount = (cents: Cents): string => centsToCardPointeAmount(cents);

export function toCents(value: string | undefined | null): Cents {
  if (value === undefined || value === null || value.trim() === "") return 0;
  try {
    return cardPointeAmountToCents(value);
  } catch {
    return 0;
  }
}

/** The first digits of a CardSecure token are 9 + the first two digits of the PAN (services.md §1.6). */
export function brandOfToken(token: string | null | undefined): CardBrand {
  const t = (token ?? "").replace(/\D/g, "");
  if (t.length < 3) return "unknown";
  const two = t.startsWith("9") ? t.slice(1, 3) : t.slice(0, 2);
  const n = Number(two);
  if (two.startsWith("4")) return "visa";
  if ((n >= 51 && n <= 55) || (n >= 22 && n <= 27)) return "mastercard";
  if (n === 34 || n === 37) return "amex";
  if (n === 60 || n === 64 || n === 65 || n === 62) return "discover";
  if (n === 35) return "jcb";
  if (n === 30 || n === 36 || n === 38) return "diners";
  return "unknown";
}

const BRAND_CODES: Record<string, CardBrand> = {
  VISA: "visa",
  MC: "mastercard",
  AMEX: "amex",
  DISC: "discover",
  JCB: "jcb",
  DINERS: "diners",
};
export function brandOfCode(code: string | undefined): CardBrand | null {
  return code ? (BRAND_CODES[code.toUpperCase()] ?? null) : null;
}

function text(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** YYYYMMDDHHMMSS or YYYYMMDD (gateway local time, recorded as UTC) → ISO. */
export function cardpointeStamp(v: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec((v ?? "").trim());
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", se = "00"] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${se}.000Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** "MMYY" → "MM/YY" */
function expiration(v: string | undefined): string | null {
  const m = /^(\d{2})(\d{2})$/.exec((v ?? "").trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

function isAch(w: WireTxn): boolean {
  return w.respproc === "PSTR" || /^(ECHK|ESAV)$/i.test(String((w as { accttype?: string }).accttype ?? ""));
}

export function paymentMethodOf(w: WireTxn): PaymentMethodSummary {
  const token = text(w.token) ?? text(w.account);
  const lastFour = text(w.lastfour) ?? (token ? token.slice(-4) : null);
  if (!token && !lastFour) return { kind: "unknown" };
  if (isAch(w)) {
    return {
      kind: "ach",
      maskedAccount: lastFour ? `******${lastFour}` : null,
      lastFour,
      accountType: null,
      secCode: null,
    };
  }
  const brand = brandOfToken(token);
  const entry = text(w.entrymode);
  if (entry && /emv|swipe|contactless|nfc|chip/i.test(entry)) {
    return {
      kind: "terminal",
      brand,
      maskedNumber: lastFour ? `************${lastFour}` : null,
      lastFour,
      entryType: entry,
      cardholderName: text(w.name),
      signature: text(w.signature),
    };
  }
  return {
    kind: "card",
    brand,
    maskedNumber: lastFour ? `************${lastFour}` : null,
    firstSix: null,
    lastFour,
    expiration: expiration(w.expiry),
    fundingType: null,
    entryType: entry,
  };
}

/**
 * Domain response codes on FluidPay's scale, so `Declined.category` and the shared screens read them the same way:
 * 100 approved, 2xx issuer declines (2 + the processor's numeric code), 300 a gateway (PPS) rejection, 400 a retry
 * (respstat B: processor timeout, line down). The processor's own code stays in `processorResponseCode`.
 */
export function domainResponseCode(w: WireTxn): number {
  if (w.respstat === "A") return 100;
  if (w.respstat === "B") return 400;
  if ((w.respproc ?? "").toUpperCase() === "PPS") return 300;
  const n = Number(w.respcode);
  return Number.isInteger(n) && n >= 0 && n < 100 ? 200 + n : 200;
}

function statusOf(w: WireTxn, type: TransactionType, amount: Cents, refunded: Cents): TransactionStatus {
  if (w.respstat !== "A") return "declined";
  switch ((w.setlstat ?? "").trim().toLowerCase()) {
    case "authorized":
    case "zero amount":
      return "authorized";
    case "queued for capture":
      return "pending_settlement";
    case "accepted":
      if (type !== "refund" && refunded > 0) return refunded >= amount ? "refunded" : "partially_refunded";
      return "settled";
    case "voided":
      return "voided";
    case "declined":
    case "rejected":
      return "declined";
    case "":
      return "authorized";
    default:
      return "unknown";
  }
}

export interface TxnContext {
  /** What the caller knows the record is (auth answers don't say capture vs sale). */
  type?: TransactionType;
  /** Refunded so far, when the adapter summed the refunds it saw. */
  refundedAmount?: Cents;
  idempotencyKey?: string | null;
  /** For answers without a date (auth, capture): when the call was made. */
  now?: Date;
  source?: string;
  /**
   * The amount the caller asked for. CardPointe answers a decline (and inquires it later) with amount "0.00" — nothing
   * was authorized — so a declined record shows this instead: the amount the payer tried.
   */
  requestedAmount?: Cents;
}

function idempotencyKeyOf(w: WireTxn): string | null {
  return userField(w, "idempotencykey");
}

/** A terminal tip the portal recorded in the auth's userFields (see adapter-terminals), in cents; 0 without one. */
function tipOf(w: WireTxn): number {
  const v = Number(userField(w, "tip") ?? 0);
  return Number.isSafeInteger(v) && v > 0 ? v : 0;
}

function userField(w: WireTxn, name: string): string | null {
  const u = w.userfields;
  if (!u) return null;
  const entries: Array<[string, unknown]> = Array.isArray(u)
    ? u.flatMap((o) => (o && typeof o === "object" ? Object.entries(o as Record<string, unknown>) : []))
    : typeof u === "object"
      ? Object.entries(u as Record<string, unknown>)
      : [];
  const hit = entries.find(([k]) => k.toLowerCase() === name);
  return hit && typeof hit[1] === "string" ? hit[1] : null;
}

export function toTransaction(w: WireTxn, ctx: TxnContext = {}): Transaction {
  const approved = w.respstat === "A";
  const wireAmount = toCents(w.amount);
  const amount = !approved && wireAmount === 0 && ctx.requestedAmount ? ctx.requestedAmount : wireAmount;
  const setl = (w.setlstat ?? "").toLowerCase();
  const captured = setl === "queued for capture" || setl === "accepted" || Boolean(text(w.capturedate));
  const isRefund = Boolean(text(w.parentretref)) || (w.authcode ?? "").toUpperCase() === "REFUND";
  const type: TransactionType =
    ctx.type ?? (isRefund ? "refund" : setl === "zero amount" ? "verification" : captured ? "sale" : "authorize");
  const settled = approved && setl === "accepted";
  const refundable = (w.refundable ?? "").toUpperCase();
  // A settled sale the gateway calls non-refundable has been refunded in full.
  const refunded =
    ctx.refundedAmount ?? (settled && type !== "refund" && refundable === "N" && w.refundable ? amount : 0);
  const status = statusOf(w, type, amount, refunded);
  const captureTime = cardpointeStamp(w.capturedate);
  // authdate has no time of day; a same-day capture time is the better creation time (sales capture at once).
  const authDay = cardpointeStamp(w.authdate);
  const created =
    (authDay && captureTime?.slice(0, 10) === authDay.slice(0, 10) ? captureTime : authDay) ??
    captureTime ??
    (ctx.now ? ctx.now.toISOString() : null);
  const partial = approved && ((w.respcode ?? "") === "10" || (w.respcode ?? "") === "002");
  const entry = text(w.entrymode);
  return {
    id: w.retref ?? "",
    family: "cardpointe",
    type,
    status,
    approved,
    partiallyApproved: partial,
    amount,
    baseAmount: null,
    authorizedAmount: approved && type !== "refund" ? amount : 0,
    capturedAmount: approved && captured ? amount : 0,
    settledAmount: settled ? amount : 0,
    refundedAmount: refunded,
    ...NO_AMOUNT_PARTS,
    tipAmount: approved ? tipOf(w) : 0,
    currency: (text(w.currency) ?? "USD").toUpperCase(),
    paymentMethod: paymentMethodOf(w),
    avs: avsResult(w.avsresp),
    cvv: cvvResult(w.cvvresp),
    responseCode: domainResponseCode(w),
    responseText: text(w.resptext) ?? (approved ? "Approval" : "Declined"),
    authCode: text(w.authcode),
    processorResponseCode: text(w.respcode),
    orderId: text(w.orderid) ?? text(w.orderId),
    poNumber: null,
    description: null,
    customerId: text(w.profileid),
    customerPaymentMethodId: text(w.acctid),
    subscriptionId: null,
    invoiceId: null,
    batchId: text(w.batchid),
    referencedTransactionId: text(w.parentretref),
    idempotencyKey: ctx.idempotencyKey ?? idempotencyKeyOf(w),
    source: ctx.source ?? (entry && /emv|keyed|swipe|contactless/i.test(entry) ? "terminal" : "api"),
    billingAddress: null,
    shippingAddress: null,
    createdAt: created,
    updatedAt: null,
    capturedAt: captureTime ?? (captured && ctx.now ? ctx.now.toISOString() : null),
    settledAt: cardpointeStamp(w.settledate),
  };
}

/** PPS codes that mean "the request was wrong" rather than "the card was declined", with the field they name. */
const PPS_FIELDS: Record<string, { field: string; message: string }> = {
  "11": { field: "cardNumber", message: "The card number is not valid" },
  "12": { field: "cardNumber", message: "The card data could not be read" },
  "13": { field: "cardNumber", message: "The card number is not valid" },
  "14": { field: "cvc", message: "The security code must be digits" },
  "15": { field: "expiration", message: "The expiration date is missing or not valid" },
  "16": { field: "expiration", message: "The card has expired" },
  "17": { field: "postalCode", message: "The ZIP code is not valid" },
  "31": { field: "currency", message: "The currency is not valid" },
  "32": { field: "currency", message: "This merchant cannot take that currency" },
  "33": { field: "cardNumber", message: "The card type is not accepted" },
  "34": { field: "", message: "A field is not valid" },
  "35": { field: "postalCode", message: "A ZIP code is required" },
  "43": { field: "amount", message: "The amount is not valid" },
  "45": { field: "amount", message: "Refunds need the original transaction" },
  "46": { field: "amount", message: "Partial refunds are not supported" },
  "48": { field: "paymentMethod", message: "ACH payments are not enabled for this merchant" },
  "98": { field: "token", message: "The card token is not valid for this merchant's site or environment" },
  "99": { field: "cardNumber", message: "The card number is not valid" },
};

/** Lifecycle refusals: the words of userMessage()'s rule matcher ("void", "refund", "capture") are kept. */
const PPS_RULES: Record<string, string> = {
  "26": "capture refused: transaction already settled",
  "27": "void refused: transaction batched (settled)",
  "28": "refund refused: transaction not settled yet",
  "39": "void refused: older than 30 days",
  "21": "invalid merchant",
  "97": "merchant disabled",
};

/**
 * A respstat ≠ A answer becomes a domain error: a PPS request problem → InvalidRequest (with the field), a missing
 * record → NotFound, anything else (issuer, processor, PPS 62 timeout) → Declined carrying the transaction.
 */
export function toGatewayError(
  w: WireTxn,
  op: "auth" | "capture" | "void" | "refund" | "sigcap",
  ctx: TxnContext = {},
): GatewayError {
  const code = (w.respcode ?? "").trim();
  const pps = (w.respproc ?? "").toUpperCase() === "PPS";
  if (pps && code === "29") return new NotFound(`${op}: transaction not found`);
  if (pps && code === "96") return new NotFound(`${op}: profile not found`);
  if (pps && PPS_RULES[code]) return new InvalidRequest(PPS_RULES[code]!, [], 400);
  if (pps && code === "43" && op !== "auth") {
    // Capture above the authorization / refund above what is left: a lifecycle rule, worded by userMessage().
    return new InvalidRequest(
      op === "refund" ? "refund exceeds the remaining amount" : `${op} refused: amount more than authorized`,
      [],
      400,
    );
  }
  if (pps && PPS_FIELDS[code]) {
    const f = PPS_FIELDS[code]!;
    const fieldErrors: FieldError[] = f.field ? [{ field: f.field, message: f.message }] : [];
    return new InvalidRequest(`${op}: ${text(w.resptext) ?? f.message} (PPS ${code})`, fieldErrors, 400);
  }
  const t = toTransaction(w, ctx);
  return new Declined({ code: t.responseCode, reason: t.responseText, avs: t.avs, cvv: t.cvv, transaction: t });
}

// ---------------------------------------------------------------------------------------------------------
// Elastic Path (seed 004): the `card_connect` gateway charges a stored profile by "account_id|profile_id".

/** The `payment` value Elastic Path's `card_connect` gateway expects for a stored profile account. */
export function elasticPathPaymentReference(profileId: string, accountId: string): string {
  if (!/^\d{1,20}$/.test(profileId) || !/^\d{1,3}$/.test(accountId)) {
    throw new RangeError("a CardPointe profile reference needs a numeric profile id and account id");
  }
  return `${accountId}|${profileId}`;
}

/** "1|16178397535388255208" → { accountId: "1", profileId: "16178397535388255208" }; null when malformed. */
export function parseElasticPathPaymentReference(ref: string): { accountId: string; profileId: string } | null {
  const m = /^(\d{1,3})\|(\d{1,20})$/.exec(ref.trim());
  return m ? { accountId: m[1]!, profileId: m[2]! } : null;
}

/** CardPointe's own `profile` field form for charging a stored account: "<profileid>/<acctid>". */
export function profileField(profileId: string, accountId?: string | null): string {
  return accountId ? `${profileId}/${accountId}` : profileId;
}
