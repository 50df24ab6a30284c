import { GatewayError, badRequest } from "../core/envelope";
import { asObject, int, ip, str } from "../core/fields";
import { newId } from "../core/ids";
import { withTx, type Queryable } from "../core/schema";
import type { Account } from "../core/types";
import { WEBHOOK_EVENTS, emitWebhook } from "../core/webhooks";
import { insertTxn, loadTxn, updateTxn, type TxnData } from "./store";

/**
 * Capture, void and refund. Each locks the transaction row (`for update`), so concurrent calls on one
 * transaction run one after another and the invariants hold: capture ≤ authorized, void only before
 * settlement, refunds only after settlement and summing to at most the settled amount.
 */
async function locked(c: Queryable, account: Account, id: string) {
  const row = await loadTxn(c, account.id, id, true);
  if (!row) throw new GatewayError(404, "transaction not found");
  return row;
}

async function notify(accountId: string, txns: TxnData[], createdId?: string): Promise<void> {
  for (const t of txns) {
    const type = t.id === createdId ? WEBHOOK_EVENTS.transactionCreate : WEBHOOK_EVENTS.transactionUpdate;
    await emitWebhook(accountId, type, t).catch(() => undefined);
  }
}

export async function captureTxn(account: Account, id: string, body: unknown, now: Date): Promise<TxnData> {
  const o = asObject(body);
  const amount = int(o, "amount");
  const taxAmount = int(o, "tax_amount");
  const shippingAmount = int(o, "shipping_amount");
  // Seed 003 L1141–1142 (capture) and L1237–1239 (refund): "Alphanumeric (max 17 characters)".
  const orderId = str(o, "order_id", { pattern: /^[A-Za-z0-9]{1,17}$/ });
  const poNumber = str(o, "po_number", { pattern: /^[A-Za-z0-9]{1,17}$/ });
  const ipAddress = ip(o, "ip_address");
  const taxExempt = o.tax_exempt;
  if (taxExempt !== undefined && typeof taxExempt !== "boolean") throw badRequest("invalid tax_exempt");
  const updated = await withTx(async (c) => {
    const { data } = await locked(c, account, id);
    if (data.type !== "authorize" || data.status !== "authorized")
      throw badRequest(`transaction cannot be captured: status is ${data.status}`);
    const captured = amount ?? data.amount_authorized;
    if (captured <= 0) throw badRequest("invalid amount: must be greater than 0");
    if (captured > data.amount_authorized) throw badRequest("invalid amount: cannot capture more than authorized");
    const nowIso = now.toISOString();
    const next: TxnData = {
      ...data,
      status: "pending_settlement",
      amount_captured: captured,
      tax_amount: taxAmount ?? data.tax_amount,
      shipping_amount: shippingAmount ?? data.shipping_amount,
      tax_exempt: (taxExempt as boolean | undefined) ?? data.tax_exempt,
      order_id: orderId ?? data.order_id,
      po_number: poNumber ?? data.po_number,
      ip_address: ipAddress ?? data.ip_address,
      captured_at: nowIso,
      updated_at: nowIso,
    };
    await updateTxn(c, account.id, next);
    return next;
  });
  await notify(account.id, [updated]);
  return updated;
}

/** Refund rows void too (before they settle), giving the amount back to the original. */
export async function voidTxn(account: Account, id: string, now: Date): Promise<TxnData> {
  const changed = await withTx(async (c) => {
    const { data } = await locked(c, account, id);
    if (data.status !== "authorized" && data.status !== "pending_settlement")
      throw badRequest(`transaction cannot be voided: status is ${data.status}`);
    const nowIso = now.toISOString();
    // Seed 003 L1147: "Where applicable, a void will be processed as an auth reversal" — an authorization not yet
    // captured is reversed (status `reversed`, services.md §5.4); anything captured is voided.
    const reversal = data.status === "authorized" && (data.type === "authorize" || data.type === "sale");
    const next: TxnData = {
      ...data,
      status: reversal ? "reversed" : "voided",
      updated_at: nowIso,
      voided_at: nowIso,
    };
    await updateTxn(c, account.id, next);
    const out = [next];
    const parentId = data.referenced_transaction_id as string;
    if (data.type === "refund" && parentId) {
      const parent = await locked(c, account, parentId);
      const refunded = parent.data.amount_refunded - data.amount;
      const p: TxnData = {
        ...parent.data,
        amount_refunded: refunded,
        status: refunded <= 0 ? "settled" : "partially_refunded",
        updated_at: nowIso,
      };
      await updateTxn(c, account.id, p);
      out.push(p);
    }
    return out;
  });
  await notify(account.id, changed);
  return changed[0] as TxnData;
}

export async function refundTxn(account: Account, id: string, body: unknown, now: Date): Promise<TxnData> {
  const o = asObject(body);
  const amount = int(o, "amount");
  const surcharge = int(o, "surcharge");
  const result = await withTx(async (c) => {
    const { data, internal } = await locked(c, account, id);
    if (data.type === "refund" || data.type === "credit" || data.type === "verification")
      throw badRequest(`transaction cannot be refunded: type is ${data.type}`);
    if (data.status !== "settled" && data.status !== "partially_refunded")
      throw badRequest(
        `transaction cannot be refunded: status is ${data.status}, refunds require a settled transaction`,
      );
    const remaining = data.amount_settled - data.amount_refunded;
    // Seed 003 L1169: `amount` defaults to the "amount from auth".
    const refundAmount = amount ?? data.amount_authorized;
    if (refundAmount <= 0) throw badRequest("invalid amount: must be greater than 0");
    if (refundAmount > remaining)
      throw badRequest(`invalid amount: refunds cannot exceed the settled amount (${remaining} remaining)`);
    const nowIso = now.toISOString();
    const declined = Boolean(internal.refundDeclines);
    const body = structuredClone(data.response_body) as Record<string, Record<string, unknown>>;
    for (const k of Object.keys(body)) {
      body[k] = {
        ...body[k],
        id: newId(),
        status: declined ? "declined" : "approved",
        response: declined ? "declined" : "approved",
        response_code: declined ? 200 : 100,
        processor_response_code: declined ? "05" : "00",
        processor_response_text: declined ? "REFUND DECLINED" : "APPROVAL",
        created_at: nowIso,
        updated_at: nowIso,
      };
    }
    const refund: TxnData = {
      ...data,
      id: newId(),
      type: "refund",
      idempotency_key: "",
      amount: refundAmount,
      base_amount: refundAmount - (surcharge ?? 0),
      surcharge: surcharge ?? 0,
      amount_authorized: 0,
      amount_captured: declined ? 0 : refundAmount,
      amount_settled: 0,
      amount_refunded: 0,
      status: declined ? "declined" : "pending_settlement",
      response: declined ? "declined" : "approved",
      response_code: declined ? 200 : 100,
      response_body: body,
      referenced_transaction_id: data.id,
      settlement_batch_id: "",
      created_at: nowIso,
      updated_at: nowIso,
      captured_at: declined ? null : nowIso,
      settled_at: null,
    };
    await insertTxn(c, account.id, refund, { achRouting: internal.achRouting });
    const changed: TxnData[] = [refund];
    if (!declined) {
      const refunded = data.amount_refunded + refundAmount;
      const parent: TxnData = {
        ...data,
        amount_refunded: refunded,
        status: refunded >= data.amount_settled ? "refunded" : "partially_refunded",
        updated_at: nowIso,
      };
      await updateTxn(c, account.id, parent);
      changed.push(parent);
    }
    return { refund, changed };
  });
  await notify(account.id, result.changed, result.refund.id);
  return result.refund;
}
