import { fail, ok } from "../core/envelope";
import type { Route, RouteCtx } from "../core/types";
import { payInvoice } from "./pay";
import { invoiceWire } from "./store";

/**
 * `POST /api/invoice/{id}/pay` (this sandbox's payment entry point; see the docs): the body is a
 * /api/transaction body — payment_method (card, ach, customer, token), optional amount (default: the
 * amount due), idempotency_key, billing_address… — and type/order_id/po_number are set from the
 * invoice. Answers like /api/transaction: declines are HTTP 200 with transaction.status "declined".
 */
async function pay(ctx: RouteCtx): Promise<Response> {
  const r = await payInvoice(ctx.account, ctx.params.id ?? "", ctx.body, { now: ctx.now, origin: ctx.origin });
  if (r.httpStatus >= 300 || !r.invoice) return fail(r.httpStatus >= 300 ? r.httpStatus : 500, r.error ?? "failed");
  return ok({
    transaction: r.transaction ?? null,
    invoice: invoiceWire(r.invoice, ctx.origin, ctx.account.merchantId),
  });
}

export const invoicePayRoutes: Route[] = [
  { method: "POST", path: "/api/invoice/:id/pay", auth: "private", handle: pay },
];
