import { badRequest, GatewayError, notFound } from "../core/envelope";
import { newId } from "../core/ids";
import { withTx } from "../core/schema";
import type { Account } from "../core/types";
import { emitWebhook, WEBHOOK_EVENTS } from "../core/webhooks";
import { processTransaction } from "../transactions/process";
import { loadTxn } from "../transactions/store";
import { getInvoice, invoiceWire, statusOf, totalsOf, type Invoice } from "./store";

/**
 * Paying an invoice through the gateway: one transaction (source "invoice") whose order_id is the
 * invoice_number (else the invoice id) and po_number the invoice id, as the seed describes.
 *
 * Never beyond the amount due, also under concurrency: a payment first reserves its amount as a
 * `pending` row while holding the invoice's row lock, then charges outside the lock, then settles the
 * row (approved → amount_paid grows; declined/failed → the reservation is released). Reservations
 * older than 5 minutes (a crashed request) no longer count. An approved transaction id is counted
 * once, so replaying the same idempotency_key cannot pay twice.
 */
export interface PayOutcome {
  httpStatus: number;
  error?: string;
  transaction?: Record<string, unknown>;
  invoice?: Invoice;
}

const STALE = "interval '5 minutes'";

function methodKind(pm: unknown): "card" | "ach" | undefined {
  if (!pm || typeof pm !== "object") return undefined;
  const o = pm as Record<string, unknown>;
  if (o.ach) return "ach";
  if (o.customer && typeof o.customer === "object") {
    return (o.customer as Record<string, unknown>).payment_method_type === "ach" ? "ach" : "card";
  }
  return "card";
}

type Reserved = { inv: Invoice; amount: number; paymentId: string } | { replay: PayOutcome };

async function reserve(account: Account, invoiceId: string, body: Record<string, unknown>): Promise<Reserved> {
  return withTx(async (client) => {
    const inv = await getInvoice(account.id, invoiceId, client, true);
    if (!inv) throw notFound("invoice");
    const key = typeof body.idempotency_key === "string" && body.idempotency_key ? body.idempotency_key : null;
    if (key) {
      // A retry of a payment that already went through answers with that payment, even once the invoice is paid.
      const prior = await client.query<{ status: string; transaction_id: string | null }>(
        `select status, transaction_id from sandbox_gateway.invoice_payments
         where account_id = $1 and invoice_id = $2 and idempotency_key = $3
           and (status in ('approved', 'duplicate') or (status = 'pending' and created_at > now() - ${STALE}))
         order by created_at desc limit 1`,
        [account.id, inv.id, key],
      );
      const p = prior.rows[0];
      if (p?.status === "pending")
        throw new GatewayError(409, "conflict: a payment with this idempotency_key is in progress");
      if (p?.transaction_id) {
        const txn = await loadTxn(client, account.id, p.transaction_id);
        if (txn) return { replay: { httpStatus: 200, transaction: txn.data, invoice: inv } };
      }
    }
    if (inv.marked_paid || inv.status === "paid" || inv.status === "authorized") {
      throw badRequest("invalid invoice: already paid");
    }
    const kind = methodKind(body.payment_method);
    if (kind && !inv.fields.payment_methods.includes(kind)) {
      throw badRequest(`invalid payment_method: ${kind} is not accepted for this invoice`);
    }
    const due = totalsOf(inv.fields, inv.amount_paid).amount_due;
    const pending = await client.query<{ s: string | null }>(
      `select sum(amount) as s from sandbox_gateway.invoice_payments
       where account_id = $1 and invoice_id = $2 and status = 'pending' and created_at > now() - ${STALE}`,
      [account.id, inv.id],
    );
    const reserved = Number(pending.rows[0]?.s ?? 0);
    const available = due - reserved;
    if (due <= 0) throw badRequest("invalid invoice: nothing left to pay");
    const raw = body.amount;
    if (raw !== undefined && (typeof raw !== "number" || !Number.isSafeInteger(raw))) {
      throw badRequest("invalid amount: must be an integer number of cents");
    }
    const amount = raw ?? available;
    if (amount <= 0 && reserved > 0) throw new GatewayError(409, "conflict: a payment for this invoice is in progress");
    if (amount <= 0) throw badRequest("invalid amount: must be greater than 0");
    if (!inv.fields.allow_partial_payment && amount !== due) {
      throw badRequest(`invalid amount: this invoice must be paid in full (${due})`);
    }
    if (amount > available) {
      if (reserved > 0) throw new GatewayError(409, "conflict: a payment for this invoice is in progress");
      throw badRequest(`invalid amount: exceeds the amount due (${due})`);
    }
    const paymentId = newId();
    await client.query(
      `insert into sandbox_gateway.invoice_payments (account_id, invoice_id, id, amount, status, idempotency_key)
       values ($1,$2,$3,$4,'pending',$5)`,
      [account.id, inv.id, paymentId, amount, key],
    );
    return { inv, amount, paymentId };
  });
}

async function settle(
  account: Account,
  invoiceId: string,
  paymentId: string,
  amount: number,
  res: { httpStatus: number; data?: Record<string, unknown> },
  now: Date,
) {
  return withTx(async (client) => {
    const inv = await getInvoice(account.id, invoiceId, client, true);
    if (!inv) return { inv: undefined, counted: false };
    const code = Number(res.data?.response_code);
    const approved = res.httpStatus < 300 && code >= 100 && code < 200;
    const txnId = typeof res.data?.id === "string" ? res.data.id : null;
    let status: "approved" | "declined" | "failed" | "duplicate" = approved
      ? "approved"
      : res.httpStatus < 300
        ? "declined"
        : "failed";
    let paid = 0;
    if (approved) {
      const authorized = Number(res.data?.amount_authorized);
      paid = Number.isSafeInteger(authorized) && authorized > 0 ? Math.min(authorized, amount) : amount;
      const seen = await client.query(
        `select 1 from sandbox_gateway.invoice_payments where account_id = $1 and transaction_id = $2 and status = 'approved'`,
        [account.id, txnId],
      );
      if (seen.rowCount) status = "duplicate";
    }
    const counted = status === "approved";
    await client.query(
      `update sandbox_gateway.invoice_payments set status = $3, transaction_id = $4, amount = $5
       where account_id = $1 and id = $2`,
      [account.id, paymentId, status, txnId, counted ? paid : amount],
    );
    const amountPaid = inv.amount_paid + (counted ? paid : 0);
    const invoiceStatus =
      status === "failed" || status === "duplicate"
        ? inv.status
        : statusOf(inv.fields, amountPaid, { markedPaid: false, lastDeclined: status === "declined" });
    const t = totalsOf(inv.fields, amountPaid);
    await client.query(
      `update sandbox_gateway.invoice_invoices set amount_paid = $3, amount_due = $4, status = $5, updated_at = $6
       where account_id = $1 and id = $2`,
      [account.id, inv.id, amountPaid, t.amount_due, invoiceStatus, now],
    );
    return { inv: await getInvoice(account.id, inv.id, client), counted };
  });
}

/** Pays (part of) an invoice with a transaction body (payment_method, optional amount, idempotency_key…). */
export async function payInvoice(
  account: Account,
  invoiceId: string,
  body: unknown,
  opts: { now: Date; origin: string },
): Promise<PayOutcome> {
  const { now } = opts;
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("invalid request body");
  const b = body as Record<string, unknown>;
  if (!b.payment_method) throw badRequest("invalid payment_method: is required");
  const reserved = await reserve(account, invoiceId, b);
  if ("replay" in reserved) return reserved.replay;
  const { inv, amount, paymentId } = reserved;
  const txBody: Record<string, unknown> = {
    ...b,
    type: inv.fields.transaction_type,
    amount,
    currency: inv.fields.currency,
    order_id: inv.fields.invoice_number || inv.id,
    po_number: inv.id,
  };
  delete txBody.base_amount;
  let res: { httpStatus: number; data?: Record<string, unknown>; error?: string };
  try {
    res = await processTransaction(account, txBody, { source: "invoice", invoiceId: inv.id, now });
  } catch {
    res = { httpStatus: 500, error: "internal server error" };
  }
  const settled = await settle(account, inv.id, paymentId, amount, res, now);
  if (settled.counted && settled.inv && res.data) {
    await emitWebhook(account.id, WEBHOOK_EVENTS.invoicePay, {
      invoice: invoiceWire(settled.inv, opts.origin, account.merchantId),
      transaction: res.data,
    }).catch(() => undefined);
  }
  if (res.httpStatus >= 300) return { httpStatus: res.httpStatus, error: res.error ?? "payment failed" };
  return { httpStatus: 200, transaction: res.data, invoice: settled.inv };
}
