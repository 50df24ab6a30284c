import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type Served } from "@/tests/helpers/serve";
import { card, setup, type Env } from "./helpers";
import { invoiceBody, type Invoice } from "./invoices-helpers";
import { dataOf } from "./recurring-helpers";

let env: Env;
let hook: Served;
const events: { type: string; data: { invoice: Invoice; transaction: { id: string } } }[] = [];
beforeAll(async () => {
  env = await setup("invoice payments");
  hook = await serve(async (req) => {
    events.push(JSON.parse(await req.text()) as (typeof events)[number]);
    return new Response("ok");
  });
  expect((await env.api("POST", "/_control/webhook", { url: hook.url, secret: "invoice-secret" })).status).toBe(200);
});
afterAll(async () => {
  await env.s.close();
  await hook.close();
});

async function newInvoice(over: Record<string, unknown> = {}): Promise<Invoice> {
  const r = await env.api("POST", "/api/invoice", invoiceBody(over));
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return dataOf<Invoice>(r);
}
const items = (cents: number) => [{ name: "Service", unit_price: cents, quantity: 1 }];

describe("paying an invoice through documented calls (seed 003: Invoices tip, Update Invoice)", () => {
  it("a transaction carrying the invoice number as order_id, then the update's amount_paid, pays the invoice", async () => {
    const inv = await newInvoice({ invoice_number: "INV1001", items: items(12_345), allow_partial_payment: true });
    const sale = await env.api("POST", "/api/transaction", {
      type: "sale",
      amount: 5_000,
      payment_method: card(),
      order_id: "INV1001",
      po_number: "INV1001",
    });
    expect(sale.status, JSON.stringify(sale.json)).toBe(200);
    const partial = await env.api("POST", `/api/invoice/${inv.id}`, { amount_paid: 5_000 });
    expect(dataOf(partial)).toMatchObject({ status: "partially_paid", amount_paid: 5_000, amount_due: 7_345 });
    const over = await env.api("POST", `/api/invoice/${inv.id}`, { amount_paid: 99_999 });
    expect(over.status).toBe(400);
    expect(over.json.msg).toMatch(/invalid amount_paid/);
    const full = await env.api("POST", `/api/invoice/${inv.id}`, {
      amount_paid: 12_345,
      items: items(12_345).map((i) => ({ ...i, status: "paid" })),
    });
    expect(dataOf(full)).toMatchObject({ status: "paid", amount_paid: 12_345, amount_due: 0 });
    const found = await env.api("POST", "/api/transaction/search", { order_id: { operator: "=", value: "INV1001" } });
    expect((found.json.data as { id: string }[]).map((t) => t.id)).toContain(dataOf<{ id: string }>(sale).id);
  });

  it("the sandbox's former invoice pay route is gone: 404 like any undocumented path", async () => {
    const inv = await newInvoice({ items: items(100) });
    const r = await env.api("POST", `/api/invoice/${inv.id}/pay`, { payment_method: card() });
    expect(r.status).toBe(404);
  });
});

describe("hosted invoice page", () => {
  it("shows the invoice at hosted_url, takes a card payment, then shows it paid", async () => {
    const inv = await newInvoice({ items: items(1_999), company_name: "Hosted <Co>" });
    const page = await fetch(inv.hosted_url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).toContain("Hosted &lt;Co&gt;");
    expect(html).toContain("$19.99");
    const form = new URLSearchParams({ number: "4111111111111111", expiration_date: "12/30", cvc: "123" });
    const paid = await fetch(`${inv.hosted_url}/pay`, { method: "POST", body: form });
    expect(paid.status).toBe(200);
    const paidHtml = await paid.text();
    expect(paidHtml).toMatch(/status\s*<strong>paid<\/strong>/);
    expect(paidHtml).not.toContain("4111111111111111");
    const after = dataOf<Invoice>(await env.api("GET", `/api/invoice/${inv.id}`));
    expect(after).toMatchObject({ status: "paid", amount_paid: 1_999 });
  });

  it("an unknown link answers 404 and reveals nothing", async () => {
    const r = await fetch(`${env.s.url}/sandbox/gateway/invoice/00000000-0000-0000-0000-000000000000`);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain("not valid");
    expect((await fetch(`${env.s.url}/sandbox/gateway/invoice/garbage`)).status).toBe(404);
  });
});
