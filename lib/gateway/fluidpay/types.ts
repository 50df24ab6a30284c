/**
 * Wire request bodies of the Gateway API 1.5.1 (seed 003), as the adapter sends them. Response shapes are the
 * zod schemas in ./schemas.ts. Only fields the adapter uses are listed; the gateway accepts more.
 */

export interface WireAddressBody {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_line_1?: string;
  address_line_2?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  country?: string;
  email?: string;
  phone?: string;
  fax?: string;
}

/** The vault spells street lines `line_1`/`line_2`. */
export interface WireVaultAddressBody extends Omit<WireAddressBody, "address_line_1" | "address_line_2"> {
  line_1?: string;
  line_2?: string;
}

export interface WirePaymentMethodBody {
  card?: { entry_type?: "keyed" | "swiped"; number: string; expiration_date: string; cvc?: string };
  ach?: {
    routing_number: string;
    account_number: string;
    sec_code: string;
    account_type: string;
    check_number?: string;
  };
  customer?: {
    id: string;
    payment_method_id?: string;
    payment_method_type?: string;
    billing_address_id?: string;
    shipping_address_id?: string;
  };
  terminal?: { id: string; print_receipt: string; signature_required: boolean };
  token?: string;
}

export interface WireTransactionBody {
  type: string;
  amount?: number;
  base_amount?: number;
  currency?: string;
  idempotency_key: string;
  idempotency_time?: number;
  payment_method: WirePaymentMethodBody;
  tax_amount?: number;
  tax_exempt?: boolean;
  shipping_amount?: number;
  tip_amount?: number;
  discount_amount?: number;
  surcharge?: number;
  order_id?: string;
  po_number?: string;
  description?: string;
  ip_address?: string;
  email_receipt?: boolean;
  email_address?: string;
  billing_address?: WireAddressBody;
  shipping_address?: WireAddressBody;
  create_vault_record?: boolean;
  allow_partial_payment?: boolean;
  processor_id?: string;
  initiated_by?: string;
  billing_method?: string;
}

export interface WireQueryString {
  operator: "=" | "!=";
  value: string;
}
export interface WireQueryInt {
  operator: "=" | "!=" | "<" | ">";
  value: number;
}
export interface WireDateRange {
  start_date: string;
  end_date: string;
}

export type WireSearchBody = Record<string, WireQueryString | WireQueryInt | WireDateRange | number | undefined>;

export interface WireAdjustmentBody {
  name: string;
  description: string;
  amount?: number | null;
  percentage?: number | null;
  duration: number;
}

export interface WireAdjustmentRefBody {
  id: string;
  name?: string;
  description?: string;
  amount?: number;
  percentage?: number;
  duration?: number;
}

export interface WireScheduleBody {
  amount?: number;
  billing_cycle_interval?: number;
  billing_frequency?: string;
  billing_days?: string;
  duration?: number;
}

export interface WirePlanBody extends WireScheduleBody {
  name: string;
  description: string;
  add_ons?: WireAdjustmentRefBody[];
  discounts?: WireAdjustmentRefBody[];
}

export interface WireSubscriptionBody extends WireScheduleBody {
  plan_id?: string;
  description?: string;
  customer: {
    id: string;
    payment_method_type?: string;
    payment_method_id?: string;
    billing_address_id?: string;
    shipping_address_id?: string;
  };
  next_bill_date?: string;
  add_ons?: WireAdjustmentRefBody[];
  discounts?: WireAdjustmentRefBody[];
}

export interface WireInvoiceItemBody {
  status: "pending" | "paid";
  name: string;
  description: string;
  unit_price: number;
  quantity: number;
  taxable: boolean;
  tax_amount: number;
  discount_amount: number;
  product_code: string;
}

export interface WireInvoiceBody {
  currency?: string;
  invoice_number?: string;
  company_name?: string;
  customer_id?: string;
  customer_number?: string;
  payable_to?: WireAddressBody;
  bill_to?: WireAddressBody;
  date_due?: string;
  items?: WireInvoiceItemBody[];
  enable_tax?: boolean;
  tax_percent?: string;
  tax?: number;
  enable_shipping?: boolean;
  shipping?: number;
  adjustment?: number;
  amount_paid?: number;
  allow_partial_payment?: boolean;
  transaction_type?: string;
  payment_methods?: string[];
  card_processor_id?: string;
  ach_processor_id?: string;
  message?: string;
  send_via?: string;
  email_to?: string;
}
