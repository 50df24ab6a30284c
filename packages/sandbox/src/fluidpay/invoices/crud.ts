import { randomBytes } from "node:crypto";
import { badRequest, json, notFound, ok } from "../core/envelope";
import { newId } from "../core/ids";
import { q, withTx } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { buildFields } from "./normalize";
import { fromRow, getInvoice, INVOICE_COLUMNS, invoiceWire, statusOf, totalsOf, type InvoiceRow } from "./store";

/** 128 random bits in UUID layout (the seed's public_url looks like a UUID); unguessable, not derived. */
export function newPublicHash(): string {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function create(ctx: RouteCtx): Promise<Response> {
  const f = await buildFields(ctx.account.id, ctx.body);
  const t = totalsOf(f, 0);
  const r = await q<InvoiceRow>(
    `insert into sandbox_gateway.invoice_invoices (account_id, id, public_hash, fields, customer_id, invoice_number,
       date_due, total, amount_paid, amount_due, status, last_sent_at, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,0,$9,$10,$11,$12,$12) returning ${INVOICE_COLUMNS}`,
    [
      ctx.account.id,
      newId(),
      newPublicHash(),
      JSON.stringify(f),
      f.customer_id,
      f.invoice_number,
      f.date_due,
      t.total,
      t.amount_due,
      statusOf(f, 0, { markedPaid: false }),
      f.send_via === "none" ? null : ctx.now,
      ctx.now,
    ],
  );
  return ok(invoiceWire(fromRow(r.rows[0] as InvoiceRow), ctx.origin, ctx.account.merchantId));
}

async function get(ctx: RouteCtx): Promise<Response> {
  const inv = await getInvoice(ctx.account.id, ctx.params.id ?? "");
  if (!inv) throw notFound("invoice");
  return ok(invoiceWire(inv, ctx.origin, ctx.account.merchantId));
}

/**
 * Updates merge over the stored invoice (items, when given, replace the list). A paid invoice is
 * closed to edits, and an edit may not bring the total below what has already been paid.
 *
 * The seed's update body also carries `amount_paid` ("Amount of the invoice that has already been paid") and
 * each item's `status` ("pending" or "paid"): this is how an API client records a payment it charged itself
 * (a transaction whose order_id / po_number carry the invoice, seed 003 Invoices tip) and how an invoice paid
 * off the gateway (cash, check) is marked paid: every item "paid" with money still due → status paid.
 */
async function update(ctx: RouteCtx): Promise<Response> {
  const body = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Record<string, unknown>;
  const rawPaid = body.amount_paid;
  if (rawPaid !== undefined && (typeof rawPaid !== "number" || !Number.isSafeInteger(rawPaid) || rawPaid < 0)) {
    throw badRequest("invalid amount_paid: must be a non-negative integer number of cents");
  }
  const updated = await withTx(async (client) => {
    const inv = await getInvoice(ctx.account.id, ctx.params.id ?? "", client, true);
    if (!inv) throw notFound("invoice");
    if (inv.marked_paid || inv.status === "paid" || inv.status === "authorized") {
      throw badRequest("invalid invoice: a paid invoice cannot be updated");
    }
    const f = await buildFields(ctx.account.id, ctx.body, inv.fields);
    const amountPaid = typeof rawPaid === "number" ? rawPaid : inv.amount_paid;
    const t = totalsOf(f, amountPaid);
    if (amountPaid > t.total) throw badRequest("invalid amount_paid: more than the invoice total");
    if (t.total < amountPaid) throw badRequest("invalid total: less than the amount already paid");
    const allItemsPaid = f.items.length > 0 && f.items.every((i) => i.status === "paid");
    const markedPaid = allItemsPaid && t.amount_due > 0;
    const status = statusOf(f, amountPaid, { markedPaid, lastDeclined: inv.status === "declined" });
    const r = await client.query<InvoiceRow>(
      `update sandbox_gateway.invoice_invoices set fields = $3, customer_id = $4, invoice_number = $5, date_due = $6,
         total = $7, amount_due = $8, status = $9, updated_at = $10, amount_paid = $11, marked_paid = $12
       where account_id = $1 and id = $2 returning ${INVOICE_COLUMNS}`,
      [
        ctx.account.id,
        inv.id,
        JSON.stringify(f),
        f.customer_id,
        f.invoice_number,
        f.date_due,
        t.total,
        markedPaid ? 0 : t.amount_due,
        status,
        ctx.now,
        amountPaid,
        markedPaid,
      ],
    );
    return fromRow(r.rows[0] as InvoiceRow);
  });
  return ok(invoiceWire(updated, ctx.origin, ctx.account.merchantId));
}

/** An invoice with card/ACH payments (or one in flight) is kept: it is the record of those payments. */
async function remove(ctx: RouteCtx): Promise<Response> {
  await withTx(async (client) => {
    const inv = await getInvoice(ctx.account.id, ctx.params.id ?? "", client, true);
    if (!inv) throw notFound("invoice");
    const payments = await client.query(
      `select 1 from sandbox_gateway.invoice_payments where account_id = $1 and invoice_id = $2
         and (status = 'approved' or (status = 'pending' and created_at > now() - interval '5 minutes'))`,
      [ctx.account.id, inv.id],
    );
    if (payments.rowCount) throw badRequest("invalid invoice: an invoice with payments cannot be deleted");
    await client.query(`delete from sandbox_gateway.invoice_invoices where account_id = $1 and id = $2`, [
      ctx.account.id,
      inv.id,
    ]);
  });
  // The seed's delete example has no `data` member.
  return json(200, { status: "success", msg: "success" });
}

export const invoiceCrudRoutes: Route[] = [
  { method: "POST", path: "/api/invoice", auth: "private", handle: create },
  { method: "GET", path: "/api/invoice/:id", auth: "private", handle: get },
  { method: "POST", path: "/api/invoice/:id", auth: "private", handle: update },
  { method: "DELETE", path: "/api/invoice/:id", auth: "private", handle: remove },
];
