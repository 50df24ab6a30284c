import { getAccount } from "../core/accounts";
import { accountNow } from "../core/clock";
import { GatewayError } from "../core/envelope";
import { q } from "../core/schema";
import type { Route, RouteCtx } from "../core/types";
import { payInvoice } from "./pay";
import { fromRow, INVOICE_COLUMNS, invoiceWire, type InvoiceRow } from "./store";

/**
 * The invoice's hosted_url: a minimal customer-facing page (no login) showing the invoice and, while
 * something is due and cards are accepted, a card form that pays it through the same path as
 * POST /api/invoice/{id}/pay. Card data goes only to this sandbox and is never echoed back.
 */
const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse}td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}
.r{text-align:right}label{display:block;margin:.5rem 0}input{font-size:1rem;padding:.3rem}</style></head>
<body>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": CSP,
      "cache-control": "no-store",
    },
  });
}

const notValid = () => page(404, "Link not valid", "<h1>This link is not valid</h1>");

async function findByHash(hash: string) {
  if (!/^[0-9a-f-]{36}$/.test(hash)) return undefined;
  const r = await q<InvoiceRow & { account_id: string }>(
    `select account_id, ${INVOICE_COLUMNS} from sandbox_gateway.invoice_invoices where public_hash = $1`,
    [hash],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  const account = await getAccount(row.account_id);
  return account ? { account, invoice: fromRow(row) } : undefined;
}

function render(ctx: RouteCtx, found: NonNullable<Awaited<ReturnType<typeof findByHash>>>, note = ""): Response {
  const w = invoiceWire(found.invoice, ctx.origin, found.account.merchantId);
  const rows = w.items
    .map((i) => `<tr><td>${esc(i.name)}</td><td class="r">${i.quantity}</td><td class="r">${money(i.amount)}</td></tr>`)
    .join("");
  const payable = w.amount_due > 0 && w.payment_methods.includes("card") && w.status !== "paid";
  const form = payable
    ? `<h2>Pay by card</h2><form method="post" action="${esc(w.hosted_url)}/pay">
<label>Card number <input name="number" inputmode="numeric" autocomplete="cc-number" required></label>
<label>Expiry (MM/YY) <input name="expiration_date" autocomplete="cc-exp" required></label>
<label>CVC <input name="cvc" inputmode="numeric" autocomplete="cc-csc"></label>
${w.allow_partial_payment ? `<label>Amount (cents) <input name="amount" inputmode="numeric" value="${w.amount_due}"></label>` : ""}
<button type="submit">Pay ${money(w.amount_due)}</button></form>`
    : "";
  return page(
    200,
    `Invoice ${w.invoice_number || w.id}`,
    `<h1>${esc(w.company_name || found.account.name)}</h1><p>Invoice ${esc(w.invoice_number || w.id)} · status
<strong>${esc(w.status)}</strong></p>${note ? `<p role="status">${esc(note)}</p>` : ""}
<table><tr><th>Item</th><th class="r">Qty</th><th class="r">Amount</th></tr>${rows}</table>
<p>Subtotal ${money(w.subtotal)} · Tax ${money(w.tax)} · Shipping ${money(w.shipping)}</p>
<p>Total ${money(w.total)} · Paid ${money(w.amount_paid)} · <strong>Due ${money(w.amount_due)}</strong></p>
${w.message ? `<p>${esc(w.message)}</p>` : ""}${form}`,
  );
}

async function show(ctx: RouteCtx): Promise<Response> {
  const found = await findByHash(ctx.params.hash ?? "");
  return found ? render(ctx, found) : notValid();
}

async function submit(ctx: RouteCtx): Promise<Response> {
  const found = await findByHash(ctx.params.hash ?? "");
  if (!found) return notValid();
  const form = await ctx.req.formData().catch(() => undefined);
  const field = (k: string) => String(form?.get(k) ?? "").trim();
  const amount = field("amount");
  const body = {
    ...(amount ? { amount: Number(amount) } : {}),
    payment_method: {
      card: {
        entry_type: "keyed",
        number: field("number").replace(/\D/g, ""),
        expiration_date: field("expiration_date"),
        ...(field("cvc") ? { cvc: field("cvc") } : {}),
      },
    },
  };
  let note: string;
  try {
    const now = await accountNow(found.account.id);
    const r = await payInvoice(found.account, found.invoice.id, body, { now, origin: ctx.origin });
    const status = r.transaction?.status;
    note = r.httpStatus >= 300 ? "The payment could not be processed." : `Payment ${String(status ?? "processed")}.`;
  } catch (err) {
    note = err instanceof GatewayError ? err.message.replace(/^bad request error: /, "") : "Something went wrong.";
  }
  const again = await findByHash(found.invoice.public_hash);
  return render(ctx, again ?? found, note);
}

export const hostedInvoiceRoutes: Route[] = [
  { method: "GET", path: "/invoice/:hash", auth: "none", handle: show },
  { method: "POST", path: "/invoice/:hash/pay", auth: "none", handle: submit },
];
