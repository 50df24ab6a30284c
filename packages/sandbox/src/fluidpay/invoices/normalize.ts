import { badRequest } from "../core/envelope";
import { newId } from "../core/ids";
import { parseBody } from "../recurring/parse-body";
import { customerExists } from "../recurring/vault-lookup";
import type { InvoiceFields, StoredItem } from "./store";
import { formatPercentString, parsePercentString } from "./totals";
import { invoiceBody, type ItemBody } from "./validate";

/** "8.25" → "8.250"; empty → "" (no rate). */
function normPercent(v: string | undefined): string {
  if (v === undefined || v.trim() === "") return "";
  return formatPercentString(parsePercentString(v) ?? 0);
}

/**
 * Item discount: the seed's `discount_amount` (cents), or this sandbox's `discount` + `discount_type`
 * ("$" cents, "%" thousandths of a percent). Item tax rate: `tax_rate`, else local + national rates.
 */
function normItem(i: ItemBody): StoredItem {
  const local = normPercent(i.local_tax_rate);
  const national = normPercent(i.national_tax_rate);
  let taxRate = normPercent(i.tax_rate);
  if (!taxRate && (local || national)) {
    taxRate = formatPercentString((parsePercentString(local) ?? 0) + (parsePercentString(national) ?? 0));
  }
  const useAmount = i.discount_amount !== undefined && i.discount === undefined;
  return {
    id: newId(),
    status: i.status ?? "pending",
    type: i.type ?? "",
    name: i.name ?? "",
    description: i.description ?? "",
    unit_price: i.unit_price,
    quantity: i.quantity,
    quantity_shipped: i.quantity_shipped ?? 0,
    product_code: i.product_code ?? "",
    commodity_code: i.commodity_code ?? "",
    unit_of_measure: i.unit_of_measure ?? "",
    alternate_tax_identifier: i.alternate_tax_identifier ?? "",
    taxable: i.taxable ?? false,
    local_tax_rate: local,
    national_tax_rate: national,
    tax_rate: taxRate,
    discount: useAmount ? (i.discount_amount ?? 0) : (i.discount ?? 0),
    discount_type: useAmount ? "$" : (i.discount_type ?? "$"),
    freight_amount: i.freight_amount ?? 0,
  };
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw badRequest(`invalid ${field}: is required`);
  return value;
}

/** Validates a create (no `existing`) or an update merged over the stored fields (items replace). */
export async function buildFields(accountId: string, body: unknown, existing?: InvoiceFields): Promise<InvoiceFields> {
  const b = parseBody(invoiceBody, body);
  const e = existing;
  const customerId = b.customer_id ?? e?.customer_id ?? "";
  if (b.customer_id && !(await customerExists(accountId, b.customer_id))) {
    throw badRequest("invalid customer_id: customer not found");
  }
  const f: InvoiceFields = {
    currency: required(b.currency ?? e?.currency, "currency").toUpperCase(),
    company_name: b.company_name ?? e?.company_name ?? "",
    company_logo_url: b.company_logo_url ?? e?.company_logo_url ?? "",
    customer_number: b.customer_number ?? e?.customer_number ?? "",
    customer_id: customerId,
    invoice_number: b.invoice_number ?? e?.invoice_number ?? "",
    payable_to: required(b.payable_to ?? e?.payable_to, "payable_to"),
    bill_to: required(b.bill_to ?? e?.bill_to, "bill_to"),
    date_due: new Date(required(b.date_due ?? e?.date_due, "date_due")).toISOString(),
    items: b.items ? b.items.map(normItem) : required(e?.items, "items"),
    advanced_fields: b.advanced_fields ?? e?.advanced_fields ?? false,
    enable_tax: b.enable_tax ?? e?.enable_tax ?? false,
    enable_shipping: b.enable_shipping ?? e?.enable_shipping ?? false,
    require_shipping_details: b.require_shipping_details ?? e?.require_shipping_details ?? false,
    require_billing_details_on_payment_only:
      b.require_billing_details_on_payment_only ?? e?.require_billing_details_on_payment_only ?? false,
    tax_percent: b.tax_percent !== undefined ? normPercent(b.tax_percent) : (e?.tax_percent ?? ""),
    tax: b.tax ?? e?.tax ?? 0,
    shipping: b.shipping ?? e?.shipping ?? 0,
    adjustment: b.adjustment ?? e?.adjustment ?? 0,
    allow_partial_payment: b.allow_partial_payment ?? e?.allow_partial_payment ?? false,
    transaction_type: b.transaction_type ?? e?.transaction_type ?? "sale",
    payment_methods: required(b.payment_methods ?? e?.payment_methods, "payment_methods"),
    card_processor_id: b.card_processor_id ?? e?.card_processor_id ?? "",
    ach_processor_id: b.ach_processor_id ?? e?.ach_processor_id ?? "",
    message: b.message ?? e?.message ?? "",
    send_via: required(b.send_via ?? e?.send_via, "send_via"),
    email_to: b.email_to ?? e?.email_to ?? "",
  };
  if (f.enable_tax && f.tax_percent === "")
    throw badRequest("invalid tax_percent: is required when enable_tax is true");
  if ((f.send_via === "email" || f.send_via === "both") && !f.email_to && !f.bill_to.email) {
    throw badRequest("invalid email_to: is required when send_via is email or both");
  }
  return f;
}
