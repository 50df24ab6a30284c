import { z } from "zod";

/**
 * Zod schemas of the Gateway API 1.5.1 wire responses (seed 003, services.md §5). Unknown fields are tolerated
 * (z.object strips them); a missing required field (ids, statuses) fails the parse, which the client turns into
 * `Unavailable("bad_response")` instead of letting `undefined` leak into the domain.
 * Optional fields accept null because the gateway writes null for "not set" in many places.
 */

const str = z.string().nullish();
/** Integers sometimes arrive as numeric strings ("100"); accept both. */
const int = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v) => Math.round(Number(v)))
  .nullish();
const bool = z.boolean().nullish();

export const envelope = <T extends z.ZodType>(data: T) =>
  z.object({
    status: z.string(),
    msg: str,
    data,
    total_count: int,
  });

/** Failure body: `{status:"failed", msg}` (non-2xx). */
export const failureSchema = z.object({ status: str, msg: str });

export const wireTransactionAddress = z.object({
  id: str,
  first_name: str,
  last_name: str,
  company: str,
  address_line_1: str,
  address_line_2: str,
  city: str,
  state: str,
  postal_code: str,
  country: str,
  email: str,
  phone: str,
  fax: str,
});

export const wireCardResponse = z.object({
  id: str,
  card_type: str,
  first_six: str,
  first_four: str,
  last_four: str,
  masked_card: str,
  expiration_date: str,
  status: str,
  response: str,
  response_code: int,
  auth_code: str,
  processor_response_code: str,
  processor_response_text: str,
  processor_type: str,
  type: str,
  entry_type: str,
  avs_response_code: str,
  cvv_response_code: str,
});

export const wireAchResponse = z.object({
  id: str,
  account_type: str,
  masked_account_number: str,
  routing_number: str,
  sec_code: str,
  response: str,
  response_code: int,
  auth_code: str,
  processor_response_code: str,
  processor_response_text: str,
});

export const wireTerminalResponse = wireCardResponse.extend({
  payment_type: str,
  cardholder_name: str,
  signature_data: str,
});

export const wireResponseBody = z.object({
  card: wireCardResponse.nullish(),
  ach: wireAchResponse.nullish(),
  terminal: wireTerminalResponse.nullish(),
});

export const wireTransaction = z.object({
  id: z.string().min(1),
  type: z.string(),
  status: z.string(),
  /**
   * "approved" | "declined" | … on POST/search; on the documented GET example `response` is instead the
   * per-method result object (what POST calls `response_body`).
   */
  response: z.union([z.string(), wireResponseBody]).nullish(),
  response_code: int,
  response_body: wireResponseBody.nullish(),
  idempotency_key: str,
  amount: int,
  base_amount: int,
  amount_authorized: int,
  amount_captured: int,
  amount_settled: int,
  amount_refunded: int,
  tax_amount: int,
  shipping_amount: int,
  tip_amount: int,
  surcharge: int,
  /** An older emulator's spelling; read when `surcharge` is absent. */
  surcharge_amount: int,
  discount_amount: int,
  service_fee: int,
  currency: str,
  description: str,
  order_id: str,
  po_number: str,
  invoice_id: str,
  payment_method: str,
  payment_type: str,
  settlement_batch_id: str,
  transaction_source: str,
  customer_id: str,
  customer_payment_type: str,
  customer_payment_id: str,
  subscription_id: str,
  referenced_transaction_id: str,
  billing_address: wireTransactionAddress.nullish(),
  shipping_address: wireTransactionAddress.nullish(),
  created_at: str,
  updated_at: str,
  captured_at: str,
  settled_at: str,
});
export type WireTransaction = z.infer<typeof wireTransaction>;

export const transactionEnvelope = envelope(wireTransaction);
/** GET /transaction/{id}: `data` is a one-element array (quirk); a bare object is accepted too. */
export const getTransactionEnvelope = envelope(z.union([z.array(wireTransaction), wireTransaction]));
export const transactionListEnvelope = envelope(z.array(wireTransaction).nullish());
/** Void (and some capture/refund answers) return `data: null`. */
export const maybeTransactionEnvelope = envelope(z.union([wireTransaction, z.null(), z.undefined()]));

// ---- vault ------------------------------------------------------------------------------------------------

export const wireVaultAddress = z.object({
  id: z.string(),
  first_name: str,
  last_name: str,
  company: str,
  line_1: str,
  line_2: str,
  city: str,
  state: str,
  postal_code: str,
  country: str,
  email: str,
  phone: str,
  fax: str,
});

export const wireVaultCard = z.object({
  id: z.string(),
  card_type: str,
  masked_number: str,
  masked_card: str,
  last_four: str,
  expiration_date: str,
});

export const wireVaultAch = z.object({
  id: z.string(),
  account_type: str,
  sec_code: str,
  masked_account_number: str,
  routing_number: str,
});

export const wireVaultCustomer = z.object({
  id: z.string().min(1),
  created_address_id: str,
  created_payment_method_id: str,
  data: z.object({
    customer: z.object({
      addresses: z.array(wireVaultAddress).nullish(),
      defaults: z
        .object({
          billing_address_id: str,
          shipping_address_id: str,
          payment_method_id: str,
          payment_method_type: str,
        })
        .nullish(),
      description: str,
      notes: str,
      flags: z.array(z.string()).nullish(),
      payments: z.object({ cards: z.array(wireVaultCard).nullish(), ach: z.array(wireVaultAch).nullish() }).nullish(),
    }),
  }),
  created_at: str,
  updated_at: str,
});
export type WireVaultCustomer = z.infer<typeof wireVaultCustomer>;

export const customerEnvelope = envelope(wireVaultCustomer);
export const customerListEnvelope = envelope(z.array(wireVaultCustomer).nullish());

// ---- recurring --------------------------------------------------------------------------------------------

export const wireAdjustment = z.object({
  id: z.string().min(1),
  name: str,
  description: str,
  amount: int,
  percentage: int,
  duration: int,
  created_at: str,
  updated_at: str,
});
export type WireAdjustment = z.infer<typeof wireAdjustment>;

/** Add-ons/discounts embedded in a plan or subscription (id may be absent on legacy records). */
export const wireAdjustmentRef = wireAdjustment.extend({ id: z.string() });

export const wirePlan = z.object({
  id: z.string().min(1),
  name: str,
  description: str,
  amount: int,
  billing_cycle_interval: int,
  billing_frequency: str,
  billing_days: str,
  charge_on_day: bool,
  total_add_ons: int,
  total_discounts: int,
  duration: int,
  add_ons: z.array(wireAdjustmentRef).nullish(),
  discounts: z.array(wireAdjustmentRef).nullish(),
  created_at: str,
  updated_at: str,
});
export type WirePlan = z.infer<typeof wirePlan>;

export const wireSubscription = z.object({
  id: z.string().min(1),
  plan_id: str,
  status: str,
  description: str,
  customer: z
    .object({
      id: str,
      payment_method_type: str,
      payment_method_id: str,
      billing_address_id: str,
      shipping_address_id: str,
    })
    .nullish(),
  amount: int,
  currency: str,
  total_adds: int,
  total_add_ons: int,
  total_discounts: int,
  billing_cycle_interval: int,
  billing_frequency: str,
  billing_days: str,
  duration: int,
  next_bill_date: str,
  add_ons: z.array(wireAdjustmentRef).nullish(),
  discounts: z.array(wireAdjustmentRef).nullish(),
  created_at: str,
  updated_at: str,
});
export type WireSubscription = z.infer<typeof wireSubscription>;

export const adjustmentEnvelope = envelope(wireAdjustment);
export const adjustmentListEnvelope = envelope(z.array(wireAdjustment).nullish());
export const planEnvelope = envelope(wirePlan);
export const planListEnvelope = envelope(z.array(wirePlan).nullish());
export const subscriptionEnvelope = envelope(wireSubscription);
export const subscriptionListEnvelope = envelope(z.array(wireSubscription).nullish());

// ---- invoices ---------------------------------------------------------------------------------------------

export const wireInvoiceAddress = wireTransactionAddress;

export const wireInvoiceItem = z.object({
  id: str,
  name: str,
  description: str,
  quantity: z.number().nullish(),
  unit_price: int,
  amount: int,
  taxable: bool,
  tax_amount: int,
  discount: int,
  discount_amount: int,
  product_code: str,
  status: str,
});

export const wireInvoice = z.object({
  id: z.string().min(1),
  invoice_number: str,
  currency: str,
  company_name: str,
  customer_id: str,
  customer_number: str,
  payable_to: wireInvoiceAddress.nullish(),
  bill_to: wireInvoiceAddress.nullish(),
  date_due: str,
  items: z.array(wireInvoiceItem).nullish(),
  subtotal: int,
  tax_percent: str,
  tax: int,
  shipping: int,
  adjustment: int,
  total: int,
  amount_paid: int,
  amount_due: int,
  allow_partial_payment: bool,
  payment_methods: z.array(z.string()).nullish(),
  transaction_type: str,
  status: z.string(),
  message: str,
  send_via: str,
  email_to: str,
  public_url: str,
  public_hash: str,
  hosted_url: str,
  created_at: str,
  updated_at: str,
  last_sent_at: str,
});
export type WireInvoice = z.infer<typeof wireInvoice>;

export const invoiceEnvelope = envelope(wireInvoice);
export const invoiceListEnvelope = envelope(z.array(wireInvoice).nullish());

// ---- terminals, settlement, file batch, fees --------------------------------------------------------------

export const wireTerminal = z.object({
  id: z.string().min(1),
  merchant_id: str,
  manufacturer: str,
  model: str,
  serial_number: str,
  tpn: str,
  description: str,
  status: str,
  register_id: str,
  auto_settle: bool,
  settle_at: str,
  created_at: str,
  updated_at: str,
});
export type WireTerminal = z.infer<typeof wireTerminal>;
export const terminalListEnvelope = envelope(z.array(wireTerminal).nullish());

export const wireBatchSummary = z.object({
  merchant_id: str,
  batch_date: z.string(),
  processor_id: str,
  processor_name: str,
  num_transactions: int,
  captured: int,
  credit: int,
});

export const wireBatch = z.object({
  id: z.string().min(1),
  merchant_id: str,
  batch_date: str,
  processor_id: str,
  processor_name: str,
  processor_type: str,
  batch_number: int,
  num_transactions: int,
  amount_captured: int,
  amount_credit: int,
  net_deposit: int,
  response_code: int,
  response_message: str,
});
export type WireBatch = z.infer<typeof wireBatch>;

export const batchSearchEnvelope = envelope(
  z.object({
    summary: z.array(wireBatchSummary).nullish(),
    results: z.array(wireBatch).nullish(),
  }),
);
export type WireBatchSearch = z.infer<typeof batchSearchEnvelope>;

export const wireFileBatch = z.object({
  id: z.string().min(1),
  status: z.string(),
  num_lines: int,
  processed_lines: int,
});
export type WireFileBatch = z.infer<typeof wireFileBatch>;
export const fileBatchUploadEnvelope = envelope(wireFileBatch);
/** GET /filebatch/{id} is a bare object (quirk); an enveloped one is accepted too. */
export const fileBatchStatusSchema = z.union([wireFileBatch, envelope(wireFileBatch)]);

export const feeLookupEnvelope = envelope(
  z.object({
    service_fee: int,
    payment_adjustment: z.object({ value: int, type: str }).nullish(),
    requested_amount: int,
    discount_amount: int,
    surcharge: int,
  }),
);
export type WireFeeLookup = z.infer<typeof feeLookupEnvelope>["data"];

const displayLine = z.object({ value: int, display: bool });
export const amountsEnvelope = envelope(
  z.object({
    subtotal: int,
    amount: int,
    total: z.union([z.number(), z.string()]).transform((v) => Math.round(Number(v))),
    // These echo request shapes (objects/arrays) on some accounts and numbers on others; the `display`
    // block carries the settled values, so they are only kept as fallbacks.
    tax_amount: z.unknown(),
    shipping_amount: z.unknown(),
    tip_amount: z.unknown(),
    discount_amount: z.unknown(),
    service_fee: z.unknown(),
    surcharge: z.unknown(),
    features: z.object({ surcharge: bool, cash_discount: bool, dual_pricing: bool, dual_pricing_v2: bool }).nullish(),
    display: z.record(z.string(), z.union([displayLine, z.record(z.string(), z.unknown())])).nullish(),
    disclaimer: z.object({ text: str, html: str, display: bool }).nullish(),
  }),
);
export type WireAmounts = z.infer<typeof amountsEnvelope>["data"];

/** Responses with no meaningful data (`data: null` or no data key at all). */
export const emptyEnvelope = z.object({ status: z.string(), msg: str, data: z.unknown().optional() });
