/**
 * Provider-neutral gateway domain. The UI, services and sync see only these types; each provider folder
 * (fluidpay/, cardpointe/) maps its wire format to them. Money is integer minor units (cents) with an
 * upper-case ISO currency; percentages are thousandths of a percent (10000 = 10%); timestamps are ISO-8601
 * UTC strings (serialisable across the server/client boundary); calendar dates are "YYYY-MM-DD".
 */

export type GatewayFamily = "fluidpay" | "cardpointe";
export type Cents = number;
export type IsoTimestamp = string;
/** "YYYY-MM-DD" */
export type IsoDate = string;

export interface Page<T> {
  items: T[];
  /** Total matching records at the gateway (not just this page). */
  totalCount: number;
  limit: number;
  offset: number;
}

export interface Address {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
}
export type AddressInput = Partial<Address>;

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

// ---------------------------------------------------------------------------------------------------------
// Customer vault

export type StoredPaymentMethod =
  | {
      kind: "card";
      id: string;
      brand: CardBrand;
      maskedNumber: string | null;
      lastFour: string | null;
      /** "MM/YY" */
      expiration: string | null;
      isDefault: boolean;
    }
  | {
      kind: "ach";
      id: string;
      maskedAccount: string | null;
      lastFour: string | null;
      routingNumber: string | null;
      accountType: "checking" | "savings" | null;
      secCode: string | null;
      isDefault: boolean;
    };

export interface StoredAddress extends Address {
  id: string;
}

export interface Customer {
  id: string;
  description: string | null;
  notes: string | null;
  flags: string[];
  addresses: StoredAddress[];
  paymentMethods: StoredPaymentMethod[];
  defaults: {
    billingAddressId: string | null;
    shippingAddressId: string | null;
    paymentMethodId: string | null;
    paymentMethodType: "card" | "ach" | null;
  };
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

/** What may be stored in the vault: a tokenizer token in the portal; raw card/ACH only server-to-server. */
export type VaultPaymentInput = Extract<PaymentSource, { kind: "token" | "card" | "ach" }>;

export interface CreateCustomerInput {
  /** Custom id (a-z, A-Z, 0-9, ≤ 40); the gateway generates one when absent. */
  id?: string;
  description?: string;
  notes?: string;
  flags?: string[];
  paymentMethod?: VaultPaymentInput;
  billingAddress?: AddressInput;
  shippingAddress?: AddressInput;
}

export interface UpdateCustomerInput {
  description?: string;
  notes?: string;
  flags?: string[];
  defaults?: {
    billingAddressId?: string;
    shippingAddressId?: string;
    paymentMethodId?: string;
    paymentMethodType?: "card" | "ach";
  };
}

export interface CustomerQuery {
  id?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  phone?: string;
  postalCode?: string;
  limit?: number;
  offset?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Recurring

export type BillingFrequency = "monthly" | "twice_monthly" | "daily";

/** An add-on or discount: a fixed amount or a percentage (thousandths), billed `duration` times (0 = forever). */
export interface Adjustment {
  id: string;
  name: string;
  description: string | null;
  amount: Cents | null;
  percentage: number | null;
  duration: number;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}
export type AddOn = Adjustment;
export type Discount = Adjustment;

export interface AdjustmentInput {
  name: string;
  description?: string;
  amount?: Cents;
  percentage?: number;
  duration?: number;
}

/** An add-on/discount attached to a plan or subscription, with optional overrides. */
export interface AdjustmentRef {
  id: string;
  name?: string | null;
  description?: string | null;
  amount?: Cents | null;
  percentage?: number | null;
  duration?: number | null;
}

export interface Schedule {
  amount: Cents;
  billingCycleInterval: number;
  billingFrequency: BillingFrequency;
  /** Days of the month; 0 = the last day. */
  billingDays: number[];
  /** Times to bill; 0 = until cancelled. */
  duration: number;
}

export interface Plan extends Schedule {
  id: string;
  name: string;
  description: string | null;
  addOns: AdjustmentRef[];
  discounts: AdjustmentRef[];
  totalAddOns: Cents;
  totalDiscounts: Cents;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

export interface PlanInput extends Schedule {
  name: string;
  description?: string;
  addOns?: AdjustmentRef[];
  discounts?: AdjustmentRef[];
}

export type SubscriptionStatus =
  "active" | "paused" | "past_due" | "failing" | "failed" | "cancelled" | "completed" | "error" | "unknown";

export interface SubscriptionCustomer {
  id: string;
  paymentMethodType: "card" | "ach" | null;
  paymentMethodId: string | null;
  billingAddressId: string | null;
  shippingAddressId: string | null;
}

export interface Subscription extends Schedule {
  id: string;
  planId: string | null;
  status: SubscriptionStatus;
  description: string | null;
  customer: SubscriptionCustomer;
  nextBillDate: IsoDate | null;
  addOns: AdjustmentRef[];
  discounts: AdjustmentRef[];
  totalAddOns: Cents;
  totalDiscounts: Cents;
  currency: string;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

export interface SubscriptionInput extends Partial<Schedule> {
  planId?: string;
  description?: string;
  customer: {
    id: string;
    paymentMethodType?: "card" | "ach";
    paymentMethodId?: string;
    billingAddressId?: string;
    shippingAddressId?: string;
  };
  nextBillDate?: IsoDate;
  addOns?: AdjustmentRef[];
  discounts?: AdjustmentRef[];
}

export interface SubscriptionQuery {
  id?: string;
  customerId?: string;
  planId?: string;
  status?: SubscriptionStatus;
  limit?: number;
  offset?: number;
}

/** The statuses a merchant may move a subscription to. */
export type SubscriptionStatusChange = "active" | "paused" | "past_due" | "cancelled" | "completed";

// ---------------------------------------------------------------------------------------------------------
// Invoices

export type InvoiceStatus =
  | "pending"
  | "partially_paid"
  | "paid"
  | "authorized"
  | "paying_via_mail"
  | "declined"
  | "failed"
  | "rejected"
  | "unknown";

export interface InvoiceItem {
  id: string | null;
  name: string;
  description: string | null;
  quantity: number;
  unitPrice: Cents;
  /** Line amount as the gateway computed it. */
  amount: Cents;
  taxable: boolean;
  taxAmount: Cents;
  discountAmount: Cents;
  productCode: string | null;
  status: "pending" | "paid";
}

export interface Invoice {
  id: string;
  invoiceNumber: string | null;
  status: InvoiceStatus;
  currency: string;
  companyName: string | null;
  customerId: string | null;
  customerNumber: string | null;
  payableTo: Address | null;
  billTo: Address | null;
  dateDue: IsoTimestamp | null;
  items: InvoiceItem[];
  subtotal: Cents;
  /** Tax rate as the gateway states it ("8.250"). */
  taxPercent: string | null;
  tax: Cents;
  shipping: Cents;
  adjustment: Cents;
  total: Cents;
  amountPaid: Cents;
  amountDue: Cents;
  allowPartialPayment: boolean;
  paymentMethods: string[];
  transactionType: "sale" | "authorize";
  message: string | null;
  sendVia: "none" | "email" | "text" | "both";
  emailTo: string | null;
  /** The customer-facing payment page. */
  hostedUrl: string | null;
  publicId: string | null;
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
  lastSentAt: IsoTimestamp | null;
}

export interface InvoiceItemInput {
  name: string;
  description?: string;
  quantity: number;
  unitPrice: Cents;
  taxable?: boolean;
  taxAmount?: Cents;
  discountAmount?: Cents;
  productCode?: string;
}

export interface InvoiceInput {
  currency?: string;
  invoiceNumber?: string;
  companyName?: string;
  customerId?: string;
  customerNumber?: string;
  payableTo: AddressInput;
  billTo: AddressInput;
  dateDue: IsoTimestamp;
  items: InvoiceItemInput[];
  /** Tax rate ("8.250") applied to the invoice when set; "0.000" means `tax` is a flat amount. */
  taxPercent?: string;
  tax?: Cents;
  shipping?: Cents;
  adjustment?: Cents;
  allowPartialPayment?: boolean;
  paymentMethods?: Array<"card" | "ach" | "mail">;
  transactionType?: "sale" | "authorize";
  message?: string;
  sendVia?: "none" | "email" | "text" | "both";
  emailTo?: string;
}

export interface InvoiceQuery {
  id?: string;
  customerId?: string;
  invoiceNumber?: string;
  status?: InvoiceStatus;
  amountDue?: AmountFilter;
  dueFrom?: IsoTimestamp;
  dueTo?: IsoTimestamp;
  limit?: number;
  offset?: number;
}

export interface PayInvoiceInput {
  source: PaymentSource;
  /** Defaults to the amount due; less only when the invoice allows partial payment. */
  amount?: Cents;
  idempotencyKey: string;
}

export interface InvoicePayment {
  invoice: Invoice;
  transaction: Transaction;
}

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

// ---------------------------------------------------------------------------------------------------------
// The adapter

/** What a provider can do; screens read this to say "not available for this gateway" instead of failing. */
export interface GatewayCapabilities {
  vault: boolean;
  customerSearch: boolean;
  achPayments: boolean;
  /** Several refunds per transaction summing to at most the settled amount. */
  partialRefunds: boolean;
  recurring: boolean;
  invoices: boolean;
  terminals: boolean;
  terminalSettle: boolean;
  settlementSearch: boolean;
  fileBatch: boolean;
  feeCalculation: boolean;
  tokenizer: boolean;
}
export type Capability = keyof GatewayCapabilities;

export interface TransactionsApi {
  /** Sale, authorize, verification or credit. A decline throws `Declined` (carrying the transaction). */
  create(input: CreateTransactionInput): Promise<Transaction>;
  get(id: string): Promise<Transaction>;
  search(query?: TransactionQuery): Promise<Page<Transaction>>;
  /** Capture an authorization; `amount` ≤ authorized, omitted = full. */
  capture(id: string, input?: { amount?: Cents; taxAmount?: Cents; shippingAmount?: Cents }): Promise<Transaction>;
  /** Void before settlement. */
  void(id: string): Promise<Transaction>;
  /** Refund after settlement; partial refunds sum to at most the settled amount. */
  refund(id: string, input?: { amount?: Cents }): Promise<RefundResult>;
}

export interface VaultApi {
  createCustomer(input: CreateCustomerInput): Promise<Customer>;
  getCustomer(id: string): Promise<Customer>;
  updateCustomer(id: string, input: UpdateCustomerInput): Promise<Customer>;
  deleteCustomer(id: string): Promise<void>;
  searchCustomers(query?: CustomerQuery): Promise<Page<Customer>>;
  addAddress(customerId: string, address: AddressInput): Promise<{ customer: Customer; addressId: string }>;
  updateAddress(customerId: string, addressId: string, address: AddressInput): Promise<Customer>;
  deleteAddress(customerId: string, addressId: string): Promise<Customer>;
  addPaymentMethod(
    customerId: string,
    method: VaultPaymentInput,
  ): Promise<{ customer: Customer; paymentMethodId: string }>;
  deletePaymentMethod(customerId: string, kind: "card" | "ach", paymentMethodId: string): Promise<Customer>;
}

export interface CatalogApi<T, I> {
  create(input: I): Promise<T>;
  get(id: string): Promise<T>;
  update(id: string, input: I): Promise<T>;
  delete(id: string): Promise<void>;
  list(): Promise<T[]>;
}

export interface RecurringApi {
  addOns: CatalogApi<AddOn, AdjustmentInput>;
  discounts: CatalogApi<Discount, AdjustmentInput>;
  plans: CatalogApi<Plan, PlanInput>;
  subscriptions: {
    create(input: SubscriptionInput): Promise<Subscription>;
    get(id: string): Promise<Subscription>;
    update(id: string, input: SubscriptionInput): Promise<Subscription>;
    delete(id: string): Promise<void>;
    search(query?: SubscriptionQuery): Promise<Page<Subscription>>;
    setStatus(
      id: string,
      status: SubscriptionStatusChange,
      options?: { nextBillDate?: IsoDate },
    ): Promise<Subscription>;
  };
}

export interface InvoicesApi {
  create(input: InvoiceInput): Promise<Invoice>;
  get(id: string): Promise<Invoice>;
  update(id: string, input: Partial<InvoiceInput>): Promise<Invoice>;
  delete(id: string): Promise<void>;
  search(query?: InvoiceQuery): Promise<Page<Invoice>>;
  /** Charge the invoice (idempotent by key) and record the payment on it. */
  pay(id: string, input: PayInvoiceInput): Promise<InvoicePayment>;
  markPaid(id: string): Promise<Invoice>;
}

export interface TerminalsApi {
  list(): Promise<Terminal[]>;
  /** Start a card-present transaction; poll its progress with `poll`. */
  run(input: TerminalRunInput): Promise<TerminalRun>;
  poll(transactionId: string): Promise<TerminalRun>;
  settle(terminalId: string): Promise<void>;
}

export interface SettlementApi {
  searchBatches(query?: BatchQuery): Promise<BatchSearchResult>;
}

export interface FileBatchApi {
  /** Upload a CSV in the provider's batch format; processing is asynchronous. */
  upload(csv: string, fileName?: string): Promise<FileBatch>;
  get(id: string): Promise<FileBatch>;
  /** The per-row result CSV. */
  download(id: string): Promise<string>;
}

export interface FeesApi {
  lookup(input: FeeLookupInput): Promise<FeeQuote>;
  calculate(input: AmountCalculationInput): Promise<AmountQuote>;
}

export interface GatewayAdapter {
  family: GatewayFamily;
  capabilities: GatewayCapabilities;
  transactions: TransactionsApi;
  vault: VaultApi;
  recurring: RecurringApi;
  invoices: InvoicesApi;
  terminals: TerminalsApi;
  settlement: SettlementApi;
  fileBatches: FileBatchApi;
  fees: FeesApi;
  tokenizerConfig(): TokenizerConfig;
}
