import type { Address, AddressInput, Cents, IsoTimestamp } from "./types-common";
import type { AmountFilter, PaymentSource, Transaction } from "./types-transactions";

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

/** An invoice's money, as the gateway states it and as lib/totals computes it. */
export interface InvoiceAmounts {
  /** Sum of line net amounts and freight (after line discounts, before tax). */
  subtotal: Cents;
  tax: Cents;
  shipping: Cents;
  adjustment: Cents;
  /** max(0, subtotal + tax + shipping + adjustment) */
  total: Cents;
  amountPaid: Cents;
  /** max(0, total − amountPaid) */
  amountDue: Cents;
}

export interface Invoice extends InvoiceAmounts {
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
  /** Tax rate as the gateway states it ("8.250"). */
  taxPercent: string | null;
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
