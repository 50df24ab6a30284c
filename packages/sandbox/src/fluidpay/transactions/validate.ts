import { badRequest } from "../core/envelope";
import {
  address,
  asObject,
  bool,
  DIGITS,
  EMAIL,
  int,
  ip,
  optObject,
  str,
  TXN_ADDRESS_FIELDS,
  UUID,
  type Obj,
  type TxnAddress,
} from "../core/fields";
import { luhnValid, parseExpiry } from "./cards";

export const TXN_TYPES = ["sale", "authorize", "verification", "credit"] as const;
export type TxnType = (typeof TXN_TYPES)[number];

export type PaymentInput =
  | { kind: "card"; number: string; expiration_date: string; cvc?: string; entry_type: string }
  | {
      kind: "ach";
      routing_number: string;
      account_number: string;
      sec_code: string;
      account_type: "checking" | "savings";
      check_number?: string;
    }
  | {
      kind: "customer";
      id: string;
      payment_method_id?: string;
      payment_method_type?: string;
      billing_address_id?: string;
      shipping_address_id?: string;
    }
  | { kind: "terminal"; id: string; print_receipt: string; signature_required: boolean }
  | { kind: "token"; token: string };

export interface TxnRequest {
  type: TxnType;
  amount?: number;
  base_amount?: number;
  tax_amount: number;
  tax_exempt: boolean;
  shipping_amount: number;
  discount_amount: number;
  tip_amount: number;
  surcharge?: number;
  currency: string;
  description: string;
  order_id: string;
  po_number: string;
  processor_id?: string;
  ip_address: string;
  allow_partial_payment: boolean;
  email_receipt: boolean;
  email_address: string;
  create_vault_record: boolean;
  billing_method: string;
  payment_adjustment?: { type: "flat" | "percentage"; value: number };
  payment: PaymentInput;
  billing_address?: TxnAddress;
  shipping_address?: TxnAddress;
  idempotency_key?: string;
  idempotency_time: number;
  custom_fields: Record<string, unknown>;
  line_items: unknown[];
  group_name: string;
  initiated_by: string;
  card_on_file_indicator: string;
  stored_credential_indicator: string;
  initial_transaction_id: string;
}

const PM_KINDS = ["card", "ach", "customer", "terminal", "token", "apm", "apple_pay_token", "google_pay_token"];

function paymentMethod(o: Obj): PaymentInput {
  const pm = optObject(o, "payment_method");
  if (!pm) throw badRequest("payment_method is required");
  const present = PM_KINDS.filter((k) => pm[k] !== undefined && pm[k] !== null);
  if (present.length === 0) throw badRequest("payment_method must include one payment method");
  if (present.length > 1) throw badRequest("payment_method must contain only one payment method");
  const kind = present[0] as string;
  if (kind === "token") {
    return { kind, token: str(pm, "token", { required: true, max: 100, path: "payment_method.token" }) as string };
  }
  if (kind === "apm" || kind === "apple_pay_token" || kind === "google_pay_token") {
    throw badRequest(`payment_method.${kind} is not supported by the sandbox processor`);
  }
  const sub = optObject(pm, kind, `payment_method.${kind}`) as Obj;
  const p = `payment_method.${kind}`;
  if (kind === "card") {
    const number = str(sub, "number", { required: true, path: `${p}.number` }) as string;
    if (!DIGITS.test(number) || !luhnValid(number)) throw badRequest(`invalid ${p}.number`);
    const exp = str(sub, "expiration_date", { required: true, path: `${p}.expiration_date` }) as string;
    if (!parseExpiry(exp)) throw badRequest(`invalid ${p}.expiration_date: format MM/YY`);
    const cvc = str(sub, "cvc", { pattern: /^\d{3,4}$/, path: `${p}.cvc` });
    const entry = str(sub, "entry_type", { oneOf: ["keyed", "swiped"], path: `${p}.entry_type` }) ?? "keyed";
    return { kind, number, expiration_date: exp, cvc, entry_type: entry };
  }
  if (kind === "ach") {
    const routing = str(sub, "routing_number", { required: true, pattern: /^\d{9}$/, path: `${p}.routing_number` });
    const account = str(sub, "account_number", {
      required: true,
      pattern: /^\d{4,17}$/,
      path: `${p}.account_number`,
    });
    const sec = (str(sub, "sec_code", { required: true, path: `${p}.sec_code` }) as string).toLowerCase();
    if (!["web", "ccd", "ppd", "tel"].includes(sec)) throw badRequest(`invalid ${p}.sec_code`);
    const accountType = str(sub, "account_type", {
      required: true,
      oneOf: ["checking", "savings"],
      path: `${p}.account_type`,
    }) as "checking" | "savings";
    const check = str(sub, "check_number", { max: 20, path: `${p}.check_number` });
    if (sec === "tel" && !check) throw badRequest(`${p}.check_number is required when sec_code is tel`);
    return {
      kind,
      routing_number: routing as string,
      account_number: account as string,
      sec_code: sec,
      account_type: accountType,
      check_number: check,
    };
  }
  if (kind === "customer") {
    return {
      kind,
      id: str(sub, "id", { required: true, max: 40, path: `${p}.id` }) as string,
      payment_method_id: str(sub, "payment_method_id", { max: 40, path: `${p}.payment_method_id` }),
      payment_method_type: str(sub, "payment_method_type", {
        oneOf: ["card", "ach"],
        path: `${p}.payment_method_type`,
      }),
      billing_address_id: str(sub, "billing_address_id", { max: 40, path: `${p}.billing_address_id` }),
      shipping_address_id: str(sub, "shipping_address_id", { max: 40, path: `${p}.shipping_address_id` }),
    };
  }
  // terminal
  const sig = sub.signature_required;
  if (sig !== undefined && typeof sig !== "boolean" && sig !== "true" && sig !== "false")
    throw badRequest(`invalid ${p}.signature_required`);
  return {
    kind: "terminal",
    id: str(sub, "id", { required: true, path: `${p}.id` }) as string,
    print_receipt: str(sub, "print_receipt", {
      required: true,
      oneOf: ["no", "customer", "merchant", "both"],
      path: `${p}.print_receipt`,
    }) as string,
    signature_required: sig === true || sig === "true",
  };
}

/**
 * Validates a transaction body against the seed's field rules. `internal` callers (billing engine,
 * invoices, file batches) may use their own idempotency keys and order ids longer than the API allows.
 */
export function validateTransaction(body: unknown, internal: boolean): TxnRequest {
  const o = asObject(body);
  const type = str(o, "type", { required: true, oneOf: TXN_TYPES }) as TxnType;
  const amount = int(o, "amount");
  const baseAmount = int(o, "base_amount");
  if (type === "verification") {
    if ((amount ?? 0) !== 0 || (baseAmount ?? 0) !== 0) throw badRequest("invalid amount: verification must be 0");
  } else if (amount === undefined && baseAmount === undefined) {
    throw badRequest("amount is required");
  } else if ((amount ?? baseAmount ?? 0) <= 0) {
    throw badRequest("invalid amount: must be greater than 0");
  }
  const currency = (str(o, "currency", { pattern: /^[A-Za-z]{3}$/ }) ?? "USD").toLowerCase();
  if (currency !== "usd") throw badRequest("invalid currency: the sandbox processor supports USD only");
  // Seed 003 L90–91: order_id / po_number "Supports up to 15 alphanumeric characters".
  const idPattern = internal ? /^.{1,200}$/ : /^[A-Za-z0-9]{1,15}$/;
  const orderId = str(o, "order_id", { pattern: idPattern }) ?? "";
  const poNumber = str(o, "po_number", { pattern: idPattern }) ?? "";
  const emailReceipt = bool(o, "email_receipt") ?? false;
  const email = str(o, "email_address", { max: 100 }) ?? "";
  if (email && !EMAIL.test(email)) throw badRequest("invalid email_address");
  if (emailReceipt && !email) throw badRequest("email_address is required when email_receipt is true");
  const key = str(o, "idempotency_key", { max: 200 });
  if (key !== undefined && !internal && !UUID.test(key)) throw badRequest("invalid idempotency_key: must be a UUID");
  const adj = optObject(o, "payment_adjustment");
  let paymentAdjustment: TxnRequest["payment_adjustment"];
  if (adj && (adj.type || adj.value)) {
    const t = str(adj, "type", { oneOf: ["flat", "percentage"], path: "payment_adjustment.type", required: true });
    const value = int(adj, "value", { path: "payment_adjustment.value" }) ?? 0;
    paymentAdjustment = { type: t as "flat" | "percentage", value };
  }
  const billing = optObject(o, "billing_address");
  const shipping = optObject(o, "shipping_address");
  const payment = paymentMethod(o);
  if (payment.kind === "ach" && type === "authorize") throw badRequest("invalid type: ach does not support authorize");
  const lineItems = o.line_items;
  if (lineItems !== undefined && lineItems !== null && !Array.isArray(lineItems))
    throw badRequest("invalid line_items: must be an array");
  return {
    type,
    amount,
    base_amount: baseAmount,
    tax_amount: int(o, "tax_amount") ?? 0,
    tax_exempt: bool(o, "tax_exempt") ?? false,
    shipping_amount: int(o, "shipping_amount") ?? 0,
    discount_amount: int(o, "discount_amount") ?? 0,
    tip_amount: int(o, "tip_amount") ?? 0,
    surcharge: int(o, "surcharge"),
    currency,
    description: str(o, "description", { max: 255 }) ?? "",
    order_id: orderId,
    po_number: poNumber,
    processor_id: str(o, "processor_id", { max: 40 }),
    ip_address: ip(o, "ip_address") ?? "",
    allow_partial_payment: bool(o, "allow_partial_payment") ?? false,
    email_receipt: emailReceipt,
    email_address: email,
    create_vault_record: bool(o, "create_vault_record") ?? false,
    billing_method: str(o, "billing_method", { oneOf: ["straight", "initial_recurring", "recurring"] }) ?? "straight",
    payment_adjustment: paymentAdjustment,
    payment,
    billing_address: billing ? address(billing, TXN_ADDRESS_FIELDS, "billing_address") : undefined,
    shipping_address: shipping ? address(shipping, TXN_ADDRESS_FIELDS, "shipping_address") : undefined,
    idempotency_key: key,
    idempotency_time: int(o, "idempotency_time", { min: 1, max: 86_400 }) ?? 300,
    custom_fields: optObject(o, "custom_fields") ?? {},
    line_items: Array.isArray(lineItems) ? lineItems : [],
    group_name: str(o, "group_name", { max: 100 }) ?? "default",
    initiated_by: str(o, "initiated_by", { oneOf: ["customer", "merchant"] }) ?? "",
    card_on_file_indicator: str(o, "card_on_file_indicator", { oneOf: ["C", "R"] }) ?? "",
    stored_credential_indicator: str(o, "stored_credential_indicator", { oneOf: ["used", "stored"] }) ?? "",
    initial_transaction_id: str(o, "initial_transaction_id", { max: 40 }) ?? "",
  };
}
