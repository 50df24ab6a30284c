import type { FieldError } from "../errors";

/**
 * The gateway reports a bad request as one sentence naming the field ("bad request error: invalid Postal Code",
 * "payment_method.card.number is required"). This finds the field it names and words a field error for the
 * form, keyed by the domain's field name so the UI can put it next to the right input.
 */

const FIELDS: ReadonlyArray<readonly [wire: string, field: string, label: string]> = (
  [
    ["card.number", "cardNumber", "Card number"],
    ["card_number", "cardNumber", "Card number"],
    ["cc_number", "cardNumber", "Card number"],
    ["card.expiration_date", "expiration", "Expiration date"],
    ["card.cvc", "cvc", "Security code"],
    ["expiration_date", "expiration", "Expiration date"],
    ["cvc", "cvc", "Security code"],
    ["cvv", "cvc", "Security code"],
    ["routing_number", "routingNumber", "Routing number"],
    ["account_number", "accountNumber", "Account number"],
    ["account_type", "accountType", "Account type"],
    ["sec_code", "secCode", "SEC code"],
    ["check_number", "checkNumber", "Check number"],
    ["idempotency_key", "idempotencyKey", "Idempotency key"],
    ["base_amount", "amount", "Amount"],
    ["tax_amount", "taxAmount", "Tax amount"],
    ["shipping_amount", "shippingAmount", "Shipping amount"],
    ["tip_amount", "tipAmount", "Tip amount"],
    ["discount_amount", "discountAmount", "Discount amount"],
    ["amount_due", "amountDue", "Amount due"],
    ["order_id", "orderId", "Order ID"],
    ["po_number", "poNumber", "PO number"],
    ["ip_address", "ipAddress", "IP address"],
    ["email_address", "email", "Email address"],
    ["email_to", "emailTo", "Email address"],
    ["processor_id", "processorId", "Processor"],
    ["payment_method_id", "paymentMethodId", "Payment method"],
    ["payment_method_type", "paymentMethodType", "Payment method type"],
    ["billing_address_id", "billingAddressId", "Billing address"],
    ["shipping_address_id", "shippingAddressId", "Shipping address"],
    ["customer_id", "customerId", "Customer"],
    ["plan_id", "planId", "Plan"],
    ["billing_cycle_interval", "billingCycleInterval", "Billing interval"],
    ["billing_frequency", "billingFrequency", "Billing frequency"],
    ["billing_days", "billingDays", "Billing days"],
    ["next_bill_date", "nextBillDate", "Next bill date"],
    ["invoice_number", "invoiceNumber", "Invoice number"],
    ["date_due", "dateDue", "Due date"],
    ["payable_to", "payableTo", "Payable-to address"],
    ["bill_to", "billTo", "Bill-to address"],
    ["tax_percent", "taxPercent", "Tax rate"],
    ["unit_price", "unitPrice", "Unit price"],
    ["address_line_1", "line1", "Street address"],
    ["address_line_2", "line2", "Address line 2"],
    ["line_1", "line1", "Street address"],
    ["line_2", "line2", "Address line 2"],
    ["first_name", "firstName", "First name"],
    ["last_name", "lastName", "Last name"],
    ["postal_code", "postalCode", "Postal code"],
    ["zip_code", "postalCode", "Postal code"],
    ["payment_method", "paymentMethod", "Payment method"],
    ["description", "description", "Description"],
    ["percentage", "percentage", "Percentage"],
    ["duration", "duration", "Duration"],
    ["currency", "currency", "Currency"],
    ["quantity", "quantity", "Quantity"],
    ["company", "company", "Company"],
    ["country", "country", "Country"],
    ["amount", "amount", "Amount"],
    ["state", "state", "State"],
    ["city", "city", "City"],
    ["phone", "phone", "Phone number"],
    ["email", "email", "Email address"],
    ["token", "token", "Card details"],
    ["items", "items", "Line items"],
    ["name", "name", "Name"],
    ["type", "type", "Transaction type"],
    ["bin", "bin", "Card BIN"],
    ["zip", "postalCode", "Postal code"],
  ] as Array<[string, string, string]>
).sort((a, b) => b[0].length - a[0].length);

/** "bad request error: invalid Postal Code" → "invalid Postal Code". */
export function cleanGatewayMessage(msg: string | null | undefined): string {
  return (msg ?? "").replace(/^\s*(bad request|validation|invalid request)?\s*(error)?\s*:\s*/i, "").trim();
}

export function fieldErrorsFromMessage(msg: string | null | undefined): FieldError[] {
  const cleaned = cleanGatewayMessage(msg);
  if (!cleaned) return [];
  const lower = cleaned.toLowerCase();
  // Of all the names in the message, the one ending last is the most specific: in
  // "payment_method.card.number is required" that is card.number, not payment_method.
  let best: { end: number; field: string; label: string } | undefined;
  for (const [wire, field, label] of FIELDS) {
    // "_" in a wire name also matches a space or hyphen, so "Postal Code" and "postal_code" both hit.
    const pattern = wire.replace(/\./g, "\\.").replace(/_/g, "[_\\s-]");
    const m = new RegExp(`(^|[^a-z0-9_])(${pattern})(?=$|[^a-z0-9_])`).exec(lower);
    if (!m) continue;
    const end = m.index + m[0].length;
    if (!best || end > best.end) best = { end, field, label };
  }
  if (best) {
    const required = /(required|missing|must be (provided|present|set)|cannot be (empty|blank)|is empty)/i.test(
      cleaned,
    );
    return [{ field: best.field, message: required ? `${best.label} is required` : `${best.label} is invalid` }];
  }
  return [];
}
