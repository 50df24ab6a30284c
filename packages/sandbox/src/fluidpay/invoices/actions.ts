import { z } from "zod";
import { badRequest, notFound, ok } from "../core/envelope";
import { withTx } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { parseBody } from "../recurring/parse-body";
import { fromRow, getInvoice, INVOICE_COLUMNS, invoiceWire, statusOf, totalsOf, type InvoiceRow } from "./store";

/**
 * resend / mark-as-paid / reactivate (services.md §5.2; the seed's invoice section does not show them).
 * - resend `{send_via?, email_to?}`: records a new send (last_sent_at); needs a channel other than none.
 * - mark-as-paid `{note?}`: an off-gateway payment (cash, check): status paid, amount_due 0.
 * - reactivate: undoes mark-as-paid (or a declined state); status is recomputed from card/ACH payments.
 */
const resendBody = z.object({
  send_via: z.enum(["email", "text", "both"], "must be email, text or both").optional(),
  email_to: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be a valid email address")
    .optional(),
});
const markBody = z.object({ note: z.string().max(255, "must be at most 255 characters").optional() });

async function mutate(
  ctx: RouteCtx,
  change: (inv: NonNullable<Awaited<ReturnType<typeof getInvoice>>>) => {
    fields?: object;
    status: string;
    markedPaid: boolean;
    note?: string;
    sent?: boolean;
  },
): Promise<Response> {
  const updated = await withTx(async (client) => {
    const inv = await getInvoice(ctx.account.id, ctx.params.id ?? "", client, true);
    if (!inv) throw notFound("invoice");
    const c = change(inv);
    const fields = { ...inv.fields, ...(c.fields ?? {}) };
    const t = totalsOf(fields, inv.amount_paid);
    const r = await client.query<InvoiceRow>(
      `update sandbox_gateway.invoice_invoices set fields = $3, status = $4, marked_paid = $5, amount_due = $6,
         mark_note = coalesce($7, mark_note), last_sent_at = case when $8 then $9 else last_sent_at end, updated_at = $9
       where account_id = $1 and id = $2 returning ${INVOICE_COLUMNS}`,
      [
        ctx.account.id,
        inv.id,
        JSON.stringify(fields),
        c.status,
        c.markedPaid,
        c.markedPaid ? 0 : t.amount_due,
        c.note ?? null,
        c.sent ?? false,
        ctx.now,
      ],
    );
    return fromRow(r.rows[0] as InvoiceRow);
  });
  return ok(invoiceWire(updated, ctx.origin, ctx.account.merchantId));
}

async function resend(ctx: RouteCtx): Promise<Response> {
  const b = parseBody(resendBody, ctx.body);
  return mutate(ctx, (inv) => {
    const sendVia = b.send_via ?? inv.fields.send_via;
    const emailTo = b.email_to ?? inv.fields.email_to;
    if (sendVia === "none") throw badRequest("invalid send_via: the invoice is set to send via none");
    if ((sendVia === "email" || sendVia === "both") && !emailTo && !inv.fields.bill_to.email) {
      throw badRequest("invalid email_to: is required when send_via is email or both");
    }
    return {
      fields: { send_via: sendVia, email_to: emailTo },
      status: inv.status,
      markedPaid: inv.marked_paid,
      sent: true,
    };
  });
}

async function markAsPaid(ctx: RouteCtx): Promise<Response> {
  const b = parseBody(markBody, ctx.body);
  return mutate(ctx, (inv) => {
    if (inv.marked_paid || inv.status === "paid" || inv.status === "authorized") {
      throw badRequest("invalid invoice: already paid");
    }
    return { status: "paid", markedPaid: true, note: b.note ?? "" };
  });
}

async function reactivate(ctx: RouteCtx): Promise<Response> {
  return mutate(ctx, (inv) => {
    if (!inv.marked_paid && inv.status !== "declined") {
      throw badRequest("invalid invoice: only an invoice marked as paid or declined can be reactivated");
    }
    return { status: statusOf(inv.fields, inv.amount_paid, { markedPaid: false }), markedPaid: false };
  });
}

export const invoiceActionRoutes: Route[] = [
  { method: "POST", path: "/api/invoice/:id/resend", auth: "private", handle: resend },
  { method: "POST", path: "/api/invoice/:id/mark-as-paid", auth: "private", handle: markAsPaid },
  { method: "POST", path: "/api/invoice/:id/reactivate", auth: "private", handle: reactivate },
];
