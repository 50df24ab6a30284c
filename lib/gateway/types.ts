/**
 * Provider-neutral gateway domain. The UI, services and sync see only these types; each provider folder
 * (fluidpay/, cardpointe/) maps its wire format to them. Money is integer minor units (cents) with an
 * upper-case ISO currency; percentages are thousandths of a percent (10000 = 10%); timestamps are ISO-8601
 * UTC strings (serialisable across the server/client boundary); calendar dates are "YYYY-MM-DD".
 */

// The domain types live in types-*.ts by area; this module is the one import path for all of them.
export type * from "./types-common";
export type * from "./types-transactions";
export type * from "./types-vault";
export type * from "./types-recurring";
export type * from "./types-invoices";
export type * from "./types-operations";

import type { AddressInput, Cents, GatewayFamily, IsoDate, Page } from "./types-common";
import type { CreateTransactionInput, RefundResult, Transaction, TransactionQuery } from "./types-transactions";
import type {
  CreateCustomerInput,
  Customer,
  CustomerQuery,
  UpdateCustomerInput,
  VaultPaymentInput,
} from "./types-vault";
import type {
  AddOn,
  AdjustmentInput,
  Discount,
  Plan,
  PlanInput,
  Subscription,
  SubscriptionInput,
  SubscriptionStatusChange,
} from "./types-recurring";
import type { Invoice, InvoiceInput, InvoicePayment, InvoiceQuery, PayInvoiceInput } from "./types-invoices";
import type {
  AmountCalculationInput,
  AmountQuote,
  BatchQuery,
  BatchSearchResult,
  FeeLookupInput,
  FeeQuote,
  FileBatch,
  Terminal,
  TerminalRun,
  TerminalRunInput,
  TokenizerConfig,
} from "./types-operations";

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
  /**
   * Changes a stored card in place (same payment method id, so subscriptions and billing plans that reference it
   * follow): a new expiry (MM/YY), or a replacement card from a tokenizer token.
   */
  updatePaymentMethod(customerId: string, paymentMethodId: string, change: PaymentMethodChange): Promise<Customer>;
}

export type PaymentMethodChange = { kind: "expiration"; expiration: string } | { kind: "token"; token: string };

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
