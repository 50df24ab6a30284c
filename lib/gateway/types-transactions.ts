import type { Address, AddressInput, Cents, GatewayFamily, IsoTimestamp } from "./types-common";

// ---------------------------------------------------------------------------------------------------------
// Transactions

export type TransactionType = "sale" | "authorize" | "verification" | "credit" | "refund";
export type TransactionStatus =
  | "pending"
  | "authorized"
  | "pending_settlement"
  | "settled"
  | "declined"
  | "voided"
  | "refunded"
  | "partially_refunded"
  | "returned"
  | "flagged"
  | "unknown";

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "jcb" | "diners" | "unknown";

/** What was charged, masked: never a full card or account number. */
export type PaymentMethodSummary =
  | {
      kind: "card";
      brand: CardBrand;
      /** e.g. "411111******1111" */
      maskedNumber: string | null;
      firstSix: string | null;
      lastFour: string | null;
      /** "MM/YY" */
      expiration: string | null;
      /** credit | debit | prepaid when the gateway knows */
      fundingType: string | null;
      entryType: string | null;
    }
  | {
      kind: "ach";
      maskedAccount: string | null;
      lastFour: string | null;
      accountType: "checking" | "savings" | null;
      secCode: string | null;
    }
  | {
      kind: "terminal";
      brand: CardBrand;
      maskedNumber: string | null;
      lastFour: string | null;
      entryType: string | null;
      cardholderName: string | null;
      /** Base64 image data when the terminal captured a signature. */
      signature: string | null;
    }
  | { kind: "unknown" };

/** An AVS or CVV result: the gateway's code and the words a person reads. */
export interface VerificationResult {
  code: string;
  description: string;
  /** true = matched, false = did not match, null = not checked / not applicable */
  matched: boolean | null;
}

export interface Transaction {
  id: string;
  family: GatewayFamily;
  type: TransactionType;
  status: TransactionStatus;
  approved: boolean;
  /** Approved for less than requested (e.g. prepaid card with a lower balance). */
  partiallyApproved: boolean;
  amount: Cents;
  baseAmount: Cents | null;
  authorizedAmount: Cents;
  capturedAmount: Cents;
  settledAmount: Cents;
  refundedAmount: Cents;
  taxAmount: Cents;
  shippingAmount: Cents;
  tipAmount: Cents;
  surchargeAmount: Cents;
  discountAmount: Cents;
  serviceFeeAmount: Cents;
  currency: string;
  paymentMethod: PaymentMethodSummary;
  avs: VerificationResult | null;
  cvv: VerificationResult | null;
  responseCode: number;
  responseText: string;
  authCode: string | null;
  processorResponseCode: string | null;
  orderId: string | null;
  poNumber: string | null;
  description: string | null;
  customerId: string | null;
  customerPaymentMethodId: string | null;
  subscriptionId: string | null;
  invoiceId: string | null;
  batchId: string | null;
  /** For refunds: the transaction refunded. */
  referencedTransactionId: string | null;
  idempotencyKey: string | null;
  /** api | virtual_terminal | recurring | invoice | batch | terminal | other */
  source: string | null;
  billingAddress: Address | null;
  shippingAddress: Address | null;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
  capturedAt: IsoTimestamp | null;
  settledAt: IsoTimestamp | null;
}

/** A transaction's parts beside its amount, all zero: what a provider states that has no such breakdown. */
export const NO_AMOUNT_PARTS: Readonly<
  Pick<
    Transaction,
    "taxAmount" | "shippingAmount" | "tipAmount" | "surchargeAmount" | "discountAmount" | "serviceFeeAmount"
  >
> = {
  taxAmount: 0,
  shippingAmount: 0,
  tipAmount: 0,
  surchargeAmount: 0,
  discountAmount: 0,
  serviceFeeAmount: 0,
};

/** Where the money comes from. Card/ACH numbers are for server-to-server tests only; the portal uses tokens. */
export type PaymentSource =
  | { kind: "token"; token: string }
  | { kind: "card"; number: string; expiration: string; cvc?: string }
  | {
      kind: "ach";
      routingNumber: string;
      accountNumber: string;
      accountType: "checking" | "savings";
      secCode: "web" | "ccd" | "ppd" | "tel";
      checkNumber?: string;
    }
  | {
      kind: "customer";
      customerId: string;
      paymentMethodId?: string;
      paymentMethodType?: "card" | "ach";
      billingAddressId?: string;
      shippingAddressId?: string;
    }
  | {
      kind: "terminal";
      terminalId: string;
      printReceipt?: "no" | "customer" | "merchant" | "both";
      signatureRequired?: boolean;
    };

export interface CreateTransactionInput {
  type: "sale" | "authorize" | "verification" | "credit";
  /** Final amount including tax, shipping, tip and fees. Give this or baseAmount. */
  amount?: Cents;
  /** Amount before surcharge/fees; the gateway adds them. */
  baseAmount?: Cents;
  currency?: string;
  source: PaymentSource;
  /**
   * Derived from the user's intent (form submission id, invoice id + attempt). Required: the same key within
   * the gateway's window returns the original transaction instead of charging twice, which is also what makes a
   * retry after a timeout safe.
   */
  idempotencyKey: string;
  /** Seconds the key stays valid at the gateway (FluidPay default 300). */
  idempotencyWindowSeconds?: number;
  taxAmount?: Cents;
  taxExempt?: boolean;
  shippingAmount?: Cents;
  tipAmount?: Cents;
  discountAmount?: Cents;
  surchargeAmount?: Cents;
  orderId?: string;
  poNumber?: string;
  description?: string;
  ipAddress?: string;
  emailReceiptTo?: string;
  billingAddress?: AddressInput;
  shippingAddress?: AddressInput;
  /** Save the payment method in the vault after approval. */
  saveToVault?: boolean;
  allowPartialPayment?: boolean;
  processorId?: string;
  initiatedBy?: "customer" | "merchant";
  billingMethod?: "straight" | "initial_recurring" | "recurring";
}

export interface AmountFilter {
  op: "=" | "!=" | "<" | ">";
  value: Cents;
}

export interface TransactionQuery {
  id?: string;
  status?: TransactionStatus;
  type?: TransactionType;
  customerId?: string;
  orderId?: string;
  poNumber?: string;
  paymentMethod?: "card" | "ach" | "token" | "terminal" | "customer";
  amount?: AmountFilter;
  createdFrom?: IsoTimestamp;
  createdTo?: IsoTimestamp;
  settledFrom?: IsoTimestamp;
  settledTo?: IsoTimestamp;
  /** 1–100 */
  limit?: number;
  offset?: number;
}

export interface RefundResult {
  /** The refunded transaction, re-read after the refund (status refunded / partially_refunded). */
  original: Transaction;
  /** The refund's own transaction when the gateway creates one. */
  refund: Transaction | null;
}
