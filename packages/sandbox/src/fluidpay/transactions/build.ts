import { randomInt } from "node:crypto";
import type { TxnAddress } from "../core/fields";
import { newId } from "../core/ids";
import type { Queryable } from "../core/schema";
import type { Account } from "../core/types";
import { adjustmentFor, feeSettings, surchargeFor } from "../fees/settings";
import { createCustomer } from "../vault/create-customer";
import { binInfo, formatExpiry, isExpired, maskAccount, maskCard, parseExpiry, type BinInfo } from "./cards";
import { resolvePayment, type ResolvedPayment, txnToVaultAddress } from "./resolve-payment";
import type { TxnData, TxnInternal } from "./store";
import {
  ACH_DECLINE,
  ACH_ROUTING,
  APPROVED,
  CARD_TRIGGERS,
  EXPIRED_OUTCOME,
  PARTIAL_NOT_ALLOWED,
  REFUND_DECLINE_CARD,
  avsCode,
  cvvCode,
  type Outcome,
} from "./test-cards";
import type { TxnRequest } from "./validate";

/** Where a transaction comes from, and when (the account's simulated now). */
export interface ProcessOpts {
  source: "api" | "recurring" | "invoice" | "batch" | "terminal";
  subscriptionId?: string;
  invoiceId?: string;
  now: Date;
}

const SOURCE_LABEL: Record<ProcessOpts["source"], string> = {
  api: "api",
  recurring: "recurring",
  invoice: "invoice",
  batch: "batch",
  terminal: "cp",
};

export const PROCESSOR = { type: "tsys_sierra", name: "Sandbox Processor" } as const;

const EMPTY_ADDRESS: TxnAddress = {
  first_name: "",
  last_name: "",
  company: "",
  address_line_1: "",
  address_line_2: "",
  city: "",
  state: "",
  postal_code: "",
  country: "",
  email: "",
  phone: "",
  fax: "",
};

function authCode(): string {
  const chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  let s = "";
  for (let i = 0; i < 6; i++) s += chars[randomInt(chars.length)];
  return s;
}

function decide(req: TxnRequest, payment: ResolvedPayment, now: Date): Outcome {
  if (payment.kind !== "secret") return APPROVED;
  const s = payment.secret;
  if (s.kind === "ach") return s.routing_number === ACH_ROUTING.decline ? ACH_DECLINE : APPROVED;
  const trigger = CARD_TRIGGERS[s.number];
  if (trigger) {
    if (trigger.approvedFraction !== undefined) {
      if (req.type === "verification" || req.type === "credit") return APPROVED;
      return req.allow_partial_payment ? trigger : PARTIAL_NOT_ALLOWED;
    }
    return trigger;
  }
  const exp = parseExpiry(s.expiration_date);
  if (exp && isExpired(exp, now)) return EXPIRED_OUTCOME;
  return APPROVED;
}

export interface Built {
  data: TxnData;
  internal: TxnInternal;
}

/** Builds the stored transaction (amounts, outcome, masked response body) for a validated request. */
export async function build(
  c: Queryable,
  account: Account,
  req: TxnRequest,
  opts: ProcessOpts,
  processorId: string,
): Promise<Built> {
  const { payment, extras } = await resolvePayment(c, account.id, req.payment, opts.now);
  const card = payment.kind === "secret" && payment.secret.kind === "card" ? payment.secret : undefined;
  const ach = payment.kind === "secret" && payment.secret.kind === "ach" ? payment.secret : undefined;
  const bin: BinInfo | undefined = card ? binInfo(card.number) : undefined;
  const fees = await feeSettings(c, account.id);

  // base_amount: the gateway adds surcharge and adjustments unless they were passed in.
  let amount: number;
  let baseAmount: number;
  let surcharge = req.surcharge ?? 0;
  let adjustment = 0;
  if (req.base_amount !== undefined && req.amount === undefined) {
    baseAmount = req.base_amount;
    const surchargeable = req.type === "sale" || req.type === "authorize";
    if (req.surcharge === undefined && surchargeable && !extras.surchargeExempt)
      surcharge = surchargeFor(baseAmount, bin, fees);
    adjustment = adjustmentFor(baseAmount, req.payment_adjustment);
    amount = baseAmount + surcharge + adjustment;
  } else {
    amount = req.amount ?? 0;
    baseAmount = req.base_amount ?? amount - surcharge;
  }

  const outcome = decide(req, payment, opts.now);
  const nowIso = opts.now.toISOString();
  const id = newId();
  const pending = payment.kind === "terminal";
  const approved = !pending && outcome.response === "approved";
  const approvedAmount = approved
    ? outcome.approvedFraction !== undefined
      ? Math.floor(amount * outcome.approvedFraction)
      : amount
    : 0;
  let status: string;
  if (pending) status = "pending";
  else if (!approved) status = "declined";
  else if (req.type === "authorize" || req.type === "verification") status = "authorized";
  else status = "pending_settlement";

  const billing = req.billing_address ?? extras.billing;
  const shipping = req.shipping_address ?? extras.shipping;
  const processorFields = {
    processor_id: processorId,
    processor_type: PROCESSOR.type,
    processor_name: PROCESSOR.name,
  };
  const responseCode = pending ? 99 : outcome.responseCode;
  const response = pending ? "pending" : outcome.response;
  let responseBody: Record<string, unknown> = {};
  const common = {
    id: newId(),
    status: response,
    response,
    response_code: responseCode,
    auth_code: approved ? authCode() : "",
    processor_response_code: pending ? "" : outcome.processorCode,
    processor_response_text: pending ? "" : outcome.processorText,
    processor_transaction_id: pending ? "" : newId(),
    processor_type: PROCESSOR.type,
    processor_id: processorId,
    created_at: nowIso,
    updated_at: nowIso,
  };
  if (card && bin) {
    const exp = parseExpiry(card.expiration_date);
    responseBody = {
      card: {
        ...common,
        card_type: bin.card_brand,
        first_six: card.number.slice(0, 6),
        last_four: card.number.slice(-4),
        masked_card: maskCard(card.number),
        expiration_date: exp ? formatExpiry(exp) : card.expiration_date,
        entry_type: payment.kind === "secret" ? payment.entry : "keyed",
        bin_type: bin.card_type,
        type: bin.card_type,
        avs_response_code: avsCode(billing),
        cvv_response_code: cvvCode(payment.kind === "secret" ? payment.cvc : undefined),
        processor_specific: {},
      },
    };
  } else if (ach) {
    responseBody = {
      ach: {
        ...common,
        sec_code: ach.sec_code,
        account_type: ach.account_type,
        masked_account_number: maskAccount(ach.account_number),
        routing_number: ach.routing_number,
        check_number: req.payment.kind === "ach" ? (req.payment.check_number ?? "") : "",
      },
    };
  } else if (payment.kind === "terminal") {
    responseBody = {
      terminal: {
        ...common,
        terminal_id: payment.terminalId,
        tpn: payment.tpn,
        print_receipt: payment.printReceipt,
        signature_required: payment.signatureRequired,
      },
    };
  }

  const internal: TxnInternal = {};
  if (ach) internal.achRouting = ach.routing_number;
  if (card?.number === REFUND_DECLINE_CARD) internal.refundDeclines = true;
  if (payment.kind === "terminal") {
    internal.tpn = payment.tpn;
    internal.terminalResolveAt = Date.now() + 2000 + randomInt(2001);
  }

  const data: TxnData = {
    id,
    user_id: "",
    merchant_id: account.merchantId,
    merchant_name: account.name,
    idempotency_key: req.idempotency_key ?? "",
    idempotency_time: req.idempotency_key ? req.idempotency_time : 0,
    type: req.type,
    amount,
    base_amount: baseAmount,
    amount_authorized: req.type === "credit" ? 0 : approvedAmount,
    amount_captured: req.type === "sale" || req.type === "credit" ? approvedAmount : 0,
    amount_settled: 0,
    amount_refunded: 0,
    payment_adjustment: req.payment_adjustment ?? { type: "", value: 0 },
    payment_adjustment_amount: adjustment,
    tip_amount: req.tip_amount,
    ...processorFields,
    payment_method: payment.kind === "terminal" ? "terminal" : payment.label,
    payment_type: ach ? "echeck" : "card",
    features: [],
    tax_amount: req.tax_amount,
    tax_exempt: req.tax_exempt,
    shipping_amount: req.shipping_amount,
    // The seed's field is `surcharge` (003 L1170, L646); the portal reads it for the surcharge it shows.
    surcharge,
    discount_amount: req.discount_amount,
    service_fee_amount: 0,
    currency: req.currency,
    description: req.description,
    settlement_batch_id: "",
    order_id: req.order_id,
    po_number: req.po_number,
    ip_address: req.ip_address,
    transaction_source: SOURCE_LABEL[opts.source],
    email_receipt: req.email_receipt,
    email_address: req.email_address,
    customer_id: extras.customerId ?? "",
    customer_payment_type: extras.customerPaymentType ?? "",
    customer_payment_id: extras.customerPaymentId ?? "",
    customer_billing_address_id: extras.billingAddressId ?? "",
    customer_shipping_address_id: extras.shippingAddressId ?? "",
    subscription_id: opts.subscriptionId ?? "",
    invoice_id: opts.invoiceId ?? "",
    terminal_id: payment.kind === "terminal" ? payment.terminalId : "",
    referenced_transaction_id: "",
    billing_method: req.billing_method,
    initiated_by: req.initiated_by,
    card_on_file_indicator: req.card_on_file_indicator,
    stored_credential_indicator: req.stored_credential_indicator,
    initial_transaction_id: req.initial_transaction_id,
    status,
    response,
    response_code: responseCode,
    response_body: responseBody,
    custom_fields: req.custom_fields,
    group_name: req.group_name,
    line_items: req.line_items,
    billing_address: { ...EMPTY_ADDRESS, ...billing },
    shipping_address: { ...EMPTY_ADDRESS, ...shipping },
    created_at: nowIso,
    updated_at: nowIso,
    captured_at: req.type === "sale" && approved ? nowIso : null,
    settled_at: null,
  };

  if (req.create_vault_record && approved && payment.kind === "secret" && !extras.customerId) {
    const toVault = (a: TxnAddress | undefined) =>
      a && Object.values(a).some(Boolean) ? txnToVaultAddress(a) : undefined;
    const customerId = await createCustomer(
      c,
      account.id,
      { payment: payment.secret, billing: toVault(billing), shipping: toVault(shipping), description: "" },
      opts.now,
    );
    const r = await c.query<{ pm: string }>(
      `select data->'defaults'->>'payment_method_id' as pm from sandbox_gateway.customers where account_id = $1 and id = $2`,
      [account.id, customerId],
    );
    data.customer_id = customerId;
    data.customer_payment_type = payment.secret.kind;
    data.customer_payment_id = r.rows[0]?.pm ?? "";
  }
  return { data, internal };
}
