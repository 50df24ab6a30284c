import type { Cents, GatewayFamily, IsoDate, IsoTimestamp, Page } from "./types-common";
import type { Transaction } from "./types-transactions";

// ---------------------------------------------------------------------------------------------------------
// Terminals, settlement, file batches, fees, tokenizer

export interface Terminal {
  id: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  /** Terminal profile number (Dejavoo) or HSN (CardPointe). */
  tpn: string | null;
  description: string | null;
  status: string;
  registerId: string | null;
  autoSettle: boolean;
  settleAt: string | null;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

export interface TerminalRunInput {
  terminalId: string;
  type: "sale" | "authorize";
  amount: Cents;
  idempotencyKey: string;
  tipAmount?: Cents;
  taxAmount?: Cents;
  orderId?: string;
  description?: string;
  printReceipt?: "no" | "customer" | "merchant" | "both";
  signatureRequired?: boolean;
  /** Ask the customer for a tip on the device before the card (CardPointe `tip`); the charge is amount + tip. */
  tipPrompt?: boolean;
  /** Take the terminal over from another POS session (only after the user confirmed). */
  force?: boolean;
}

/** Progress of a card-present transaction, for a polling UI. */
export interface TerminalRun {
  transactionId: string | null;
  state: "waiting" | "processing" | "approved" | "declined" | "error";
  transaction: Transaction | null;
  message: string | null;
}

export interface Batch {
  id: string;
  batchDate: IsoTimestamp | null;
  batchNumber: number | null;
  processorId: string | null;
  processorName: string | null;
  transactionCount: number;
  capturedAmount: Cents;
  creditAmount: Cents;
  netDeposit: Cents;
  responseCode: number | null;
  responseMessage: string | null;
}

export interface BatchDaySummary {
  batchDate: IsoDate;
  processorId: string | null;
  processorName: string | null;
  transactionCount: number;
  capturedAmount: Cents;
  creditAmount: Cents;
}

export interface BatchQuery {
  from?: IsoTimestamp;
  to?: IsoTimestamp;
  batchId?: string;
  limit?: number;
  offset?: number;
}

export interface BatchSearchResult extends Page<Batch> {
  summary: BatchDaySummary[];
}

export interface FileBatch {
  id: string;
  status: "pending" | "processing" | "completed" | "failed" | "unknown";
  lineCount: number | null;
  processedLines: number | null;
}

export interface FeeLookupInput {
  baseAmount: Cents;
  /** First 6–19 digits of the card (from the tokenizer's card metadata). */
  bin: string;
  state?: string;
  paymentMethod?: "card" | "ach";
}

export interface FeeQuote {
  baseAmount: Cents;
  /** What the customer pays: base + surcharge + service fee (+ adjustment). */
  totalAmount: Cents;
  surcharge: Cents;
  serviceFee: Cents;
  discount: Cents;
  paymentAdjustment: { type: "flat" | "percentage" | null; value: number };
}

export interface AmountCalculationInput {
  amount: Cents;
  subtotal?: Cents;
  currency?: string;
  paymentMethod: "card" | "ach";
  transactionType: "sale" | "authorize" | "verification" | "credit" | "refund";
  processorId?: string;
  bin?: string;
  state?: string;
  country?: string;
  taxAmount?: Cents;
  shippingAmount?: Cents;
  tipAmount?: Cents;
}

export interface AmountLine {
  key: string;
  amount: Cents;
  /** Whether the gateway says this line must be shown to the payer. */
  display: boolean;
}

export interface AmountQuote {
  subtotal: Cents;
  amount: Cents;
  tax: Cents;
  shipping: Cents;
  tip: Cents;
  discount: Cents;
  surcharge: Cents;
  serviceFee: Cents;
  total: Cents;
  lines: AmountLine[];
  /** Disclosure the payer must see before submitting (surcharge / fee programmes). */
  disclosure: { text: string; html: string; display: boolean };
  features: { surcharge: boolean; cashDiscount: boolean; dualPricing: boolean };
}

export interface TokenizerConfig {
  family: GatewayFamily;
  /** Script the browser loads (it defines the provider's Tokenizer / iframe helper). */
  scriptUrl: string;
  /** Base URL the script's iframe is served from (the Tokenizer's `url` option). */
  url: string;
  /** Public, browser-safe key (FluidPay `pub_…`). Never the private key. */
  publicKey: string;
  paymentTypes: Array<"card" | "ach">;
}
