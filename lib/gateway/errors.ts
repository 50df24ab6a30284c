import type { Capability, GatewayFamily, Transaction, VerificationResult } from "./types";

/**
 * Domain errors every adapter throws. Messages are for logs; what a person sees is decided only by
 * `userMessage()` below, so raw gateway text never reaches the browser by accident.
 */

export abstract class GatewayError extends Error {
  abstract readonly kind: "declined" | "invalid_request" | "unavailable" | "not_found" | "unauthorized" | "unsupported";
  /** Gateway correlation id when there was one (for support tickets and logs). */
  correlationId: string | null = null;
}

export type DeclineCategory = "issuer" | "gateway" | "processor";

/** The gateway answered and said no. Carries the declined transaction so it can be cached and shown. */
export class Declined extends GatewayError {
  readonly kind = "declined";
  readonly code: number;
  /** Short reason a person understands ("Insufficient funds"). */
  readonly reason: string;
  readonly category: DeclineCategory;
  readonly avs: VerificationResult | null;
  readonly cvv: VerificationResult | null;
  readonly transaction: Transaction | null;

  constructor(args: {
    code: number;
    reason: string;
    avs?: VerificationResult | null;
    cvv?: VerificationResult | null;
    transaction?: Transaction | null;
  }) {
    super(`declined ${args.code}: ${args.reason}`);
    this.name = "Declined";
    this.code = args.code;
    this.reason = args.reason;
    this.category = args.code >= 400 ? "processor" : args.code >= 300 ? "gateway" : "issuer";
    this.avs = args.avs ?? null;
    this.cvv = args.cvv ?? null;
    this.transaction = args.transaction ?? null;
  }
}

export interface FieldError {
  /** Domain field name (camelCase path, e.g. "postalCode", "cardNumber"), or "" when the gateway named none. */
  field: string;
  message: string;
}

/** The request was refused as invalid (4xx): a field, a state rule (void after settlement), a limit. */
export class InvalidRequest extends GatewayError {
  readonly kind = "invalid_request";
  readonly fieldErrors: FieldError[];
  readonly status: number;
  /** The gateway's own message, cleaned of its prefix. Log it; show `userMessage()`. */
  readonly gatewayMessage: string;

  constructor(gatewayMessage: string, fieldErrors: FieldError[] = [], status = 400) {
    super(`invalid request (${status}): ${gatewayMessage}`);
    this.name = "InvalidRequest";
    this.gatewayMessage = gatewayMessage;
    this.fieldErrors = fieldErrors;
    this.status = status;
  }
}

export type UnavailableReason = "timeout" | "network" | "server_error" | "rate_limited" | "bad_response";

/** The gateway could not be reached or answered garbage. */
export class Unavailable extends GatewayError {
  readonly kind = "unavailable";
  readonly reason: UnavailableReason;
  /** Transient: trying again (with the same idempotency key for a charge) may succeed. */
  readonly retryable: boolean;
  /**
   * A write whose outcome is unknown (sent, then timed out or got a 5xx): the gateway may have processed it.
   * Only a retry with the same idempotency key, or a lookup, can tell.
   */
  readonly maybeProcessed: boolean;
  readonly status: number | null;

  constructor(args: {
    reason: UnavailableReason;
    message: string;
    retryable?: boolean;
    maybeProcessed?: boolean;
    status?: number | null;
    cause?: unknown;
  }) {
    super(args.message, { cause: args.cause });
    this.name = "Unavailable";
    this.reason = args.reason;
    this.retryable = args.retryable ?? args.reason !== "bad_response";
    this.maybeProcessed = args.maybeProcessed ?? false;
    this.status = args.status ?? null;
  }
}

export class NotFound extends GatewayError {
  readonly kind = "not_found";
  constructor(message = "not found") {
    super(message);
    this.name = "NotFound";
  }
}

/** Credentials rejected (wrong key, public key used server-side, revoked). */
export class Unauthorized extends GatewayError {
  readonly kind = "unauthorized";
  constructor(message = "unauthorized") {
    super(message);
    this.name = "Unauthorized";
  }
}

/** The merchant's gateway family lacks this feature (see `GatewayAdapter.capabilities`). */
export class Unsupported extends GatewayError {
  readonly kind = "unsupported";
  readonly capability: Capability;
  readonly family: GatewayFamily;
  constructor(family: GatewayFamily, capability: Capability) {
    super(`${family} does not support ${capability}`);
    this.name = "Unsupported";
    this.family = family;
    this.capability = capability;
  }
}

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof GatewayError;
}

const CAPABILITY_WORDS: Record<Capability, string> = {
  vault: "The customer vault",
  customerSearch: "Customer search",
  achPayments: "ACH payments",
  partialRefunds: "Partial refunds",
  recurring: "Recurring billing",
  invoices: "Invoicing",
  terminals: "Card terminals",
  terminalSettle: "Settling a single terminal",
  settlementSearch: "Settlement reports",
  fileBatch: "File batch upload",
  feeCalculation: "Fee calculation",
  tokenizer: "Card entry",
};

function sentence(s: string): string {
  const t = s.trim().replace(/\.$/, "");
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

/** State-rule refusals worded for a person; the gateway's own text is only logged. */
function ruleMessage(gatewayMessage: string): string | null {
  const m = gatewayMessage.toLowerCase();
  if (/refund/.test(m) && /(exceed|more than|greater|remaining|too (large|much))/.test(m)) {
    return "The refund is more than the amount left to refund on this transaction.";
  }
  if (/void/.test(m)) return "This transaction can no longer be voided (it may have settled). Refund it instead.";
  if (/refund/.test(m)) return "This transaction cannot be refunded yet: it must settle first. Void it instead.";
  if (/capture/.test(m))
    return "This authorization cannot be captured (already captured, voided, or the amount is too high).";
  if (/duplicate/.test(m)) return "This would create a duplicate. Check the existing records.";
  return null;
}

/**
 * The one place that decides what a person sees for a gateway failure. Clear and actionable; never a stack,
 * never a raw exception. Unknown errors get a generic line (log the error itself with its correlation id).
 */
export function userMessage(err: unknown): string {
  if (err instanceof Declined) {
    const parts = [`The payment was declined: ${sentence(err.reason).toLowerCase()}.`];
    if (err.avs && err.avs.matched === false) parts.push(`Address check: ${err.avs.description.toLowerCase()}.`);
    if (err.cvv && err.cvv.matched === false) parts.push(`Security code check: ${err.cvv.description.toLowerCase()}.`);
    if (err.category === "issuer") parts.push("Ask the customer for another payment method.");
    else if (err.category === "processor") parts.push("The processor reported an error; try again or contact support.");
    return parts.join(" ");
  }
  if (err instanceof InvalidRequest) {
    if (err.fieldErrors.length > 0) {
      return `Please correct: ${err.fieldErrors.map((f) => sentence(f.message)).join("; ")}.`;
    }
    if (err.status === 409)
      return "Another payment for this is in progress. Wait a moment, then refresh to see the result.";
    return ruleMessage(err.gatewayMessage) ?? "The gateway refused the request. Check the details and try again.";
  }
  if (err instanceof Unavailable) {
    if (err.maybeProcessed) {
      return "The payment gateway did not confirm the result in time. Check the transaction list before trying again; retrying this same form will not charge twice.";
    }
    return "The payment gateway is not responding right now. Please try again in a moment.";
  }
  if (err instanceof NotFound) return "That record was not found at the payment gateway. It may have been deleted.";
  if (err instanceof Unauthorized) {
    return "The payment gateway rejected this merchant's credentials. An administrator must update them in Settings.";
  }
  if (err instanceof Unsupported) {
    return `${CAPABILITY_WORDS[err.capability]} is not available for this merchant's payment gateway.`;
  }
  return "Something went wrong while talking to the payment gateway. Please try again; if it persists, contact support.";
}
