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

type PayData = { transaction: Record<string, unknown> & { id: string; status: string }; invoice: Invoice };

async function newInvoice(over: Record<string, unknown> = {}): Promise<Invoice> {
  const r = await env.api("POST", "/api/invoice", invoiceBody(over));
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return dataOf<Invoice>(r);
}
const items = (cents: number) => [{ name: "Service", unit_price: cents, quantity: 1 }];
const pay = (id: string, body: Record<string, unknown> = {}) =>
  env.api("POST", `/api/invoice/${id}/pay`, { payment_method: card(), ...body });

describe("POST /api/invoice/{id}/pay", () => {
  it("pays in full: the transaction carries the invoice (order_id, po_number, source) and the invoice is paid", async () => {
    const inv = await newInvoice({ invoice_number: "INV1001", items: items(12_345) });
    const r = await pay(inv.id);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const { transaction, invoice } = dataOf<PayData>(r);
    expect(transaction).toMatchObject({
      status: "pending_settlement",
      amount: 12_345,
      order_id: "INV1001",
      po_number: inv.id,
      transaction_source: "invoice",
    });
    expect(invoice).toMatchObject({ id: inv.id, status: "paid", amount_paid: 12_345, amount_due: 0 });
    const t = await env.api("GET", `/api/transaction/${transaction.id}`);
    expect((t.json.data as { order_id: string }[])[0]?.order_id).toBe("INV1001");
    const again = await pay(inv.id);
    expect(again.status).toBe(400);
    expect(again.json.msg).toMatch(/already paid/);
    const mine = () => events.filter((e) => e.type === "invoice_pay" && e.data.invoice?.id === inv.id);
    await expect.poll(() => mine().length).toBe(1);
    const ev = mine()[0];
    expect(ev?.data.transaction.id).toBe(transaction.id);
    expect(ev?.data.invoice.status).toBe("paid");
  });

  it("without invoice_number the order_id is the invoice id", async () => {
    const inv = await newInvoice({ items: items(500) });
    const { transaction } = dataOf<PayData>(await pay(inv.id));
    expect(transaction.order_id).toBe(inv.id);
  });

  it("requires the full amount unless partial payment is allowed", async () => {
    const inv = await newInvoice({ items: items(10_000) });
    const r = await pay(inv.id, { amount: 4_000 });
    expect(r.status).toBe(400);
    expect(r.json.msg).toMatch(/invalid amount: this invoice must be paid in full/);
  });

  it("partial payments: partially_paid, never beyond amount_due, then paid", async () => {
    const inv = await newInvoice({ items: items(10_000), allow_partial_payment: true });
    const first = dataOf<PayData>(await pay(inv.id, { amount: 4_000 }));
    expect(first.invoice).toMatchObject({ status: "partially_paid", amount_paid: 4_000, amount_due: 6_000 });
    const over = await pay(inv.id, { amount: 7_000 });
    expect(over.status).toBe(400);
    expect(over.json.msg).toMatch(/invalid amount: exceeds the amount due \(6000\)/);
    for (const amount of [0, -5, 1.5]) expect((await pay(inv.id, { amount })).status).toBe(400);
    const rest = dataOf<PayData>(await pay(inv.id));
    expect(rest.transaction.amount).toBe(6_000);
    expect(rest.invoice).toMatchObject({ status: "paid", amount_paid: 10_000, amount_due: 0 });
  });

  it("a decline is HTTP 200 with a declined transaction; the invoice shows declined and can still be paid", async () => {
    const inv = await newInvoice({ items: items(2_000) });
    const r = await pay(inv.id, { payment_method: card("4000000000000002") });
    expect(r.status).toBe(200);
    const d = dataOf<PayData>(r);
    expect(d.transaction.status).toBe("declined");
    expect(d.invoice).toMatchObject({ status: "declined", amount_paid: 0, amount_due: 2_000 });
    const ok = dataOf<PayData>(await pay(inv.id));
    expect(ok.invoice.status).toBe("paid");
  });

  it("a partial approval pays what was approved", async () => {
    const inv = await newInvoice({ items: items(3_000), allow_partial_payment: true });
    const r = dataOf<PayData>(
      await pay(inv.id, { payment_method: card("4000000000000051"), allow_partial_payment: true }),
    );
    expect(r.invoice.amount_paid).toBe(r.transaction.amount_authorized);
    expect(r.invoice.amount_paid).toBeLessThan(3_000);
    expect(r.invoice.status).toBe("partially_paid");
  });

  it("refuses a payment method the invoice does not accept, a bad body, and an unknown invoice", async () => {
    const inv = await newInvoice({ payment_methods: ["ach"] });
    const r = await pay(inv.id);
    expect(r.status).toBe(400);
    expect(r.json.msg).toMatch(/invalid payment_method: card is not accepted/);
    expect((await env.api("POST", `/api/invoice/${inv.id}/pay`, {})).status).toBe(400);
    expect((await pay("nosuchinvoice0000000")).status).toBe(404);
    const bad = await pay((await newInvoice()).id, { payment_method: { card: { number: "4111" } } });
    expect(bad.status).toBe(400);
  });

  it("an invoice with payments cannot be deleted, nor edited below what was paid", async () => {
    const inv = await newInvoice({ items: items(5_000), allow_partial_payment: true });
    await pay(inv.id, { amount: 3_000 });
    const del = await env.api("DELETE", `/api/invoice/${inv.id}`);
    expect(del.status).toBe(400);
    expect(del.json.msg).toMatch(/with payments cannot be deleted/);
    const shrink = await env.api("POST", `/api/invoice/${inv.id}`, { items: items(1_000) });
    expect(shrink.status).toBe(400);
    expect(shrink.json.msg).toMatch(/invalid total/);
  });
});

describe("concurrent payment of one invoice", () => {
  it("twelve concurrent partial payments never exceed the total", async () => {
    const inv = await newInvoice({ items: items(10_000), allow_partial_payment: true });
    const results = await Promise.all(Array.from({ length: 12 }, () => pay(inv.id, { amount: 3_000 })));
    const approved = results.filter((r) => r.status === 200 && dataOf<PayData>(r).transaction.status !== "declined");
    expect(approved.length).toBeGreaterThanOrEqual(1);
    expect(approved.length).toBeLessThanOrEqual(3);
    for (const r of results.filter((x) => x.status !== 200)) expect([400, 409]).toContain(r.status);
    const after = dataOf<Invoice>(await env.api("GET", `/api/invoice/${inv.id}`));
    expect(after.amount_paid).toBe(approved.length * 3_000);
    expect(after.amount_paid).toBeLessThanOrEqual(after.total);
    const txns = await env.api("POST", "/api/transaction/search", {
      po_number: { operator: "=", value: inv.id },
      limit: 100,
    });
    const charged = (txns.json.data as { amount: number; status: string }[]).filter((t) => t.status !== "declined");
    expect(charged.reduce((s, t) => s + t.amount, 0)).toBe(after.amount_paid);
  });

  it("concurrent full payments (two tabs, double click) charge once", async () => {
    const inv = await newInvoice({ items: items(7_500) });
    const results = await Promise.all(Array.from({ length: 6 }, () => pay(inv.id)));
    expect(results.filter((r) => r.status === 200).length).toBe(1);
    const after = dataOf<Invoice>(await env.api("GET", `/api/invoice/${inv.id}`));
    expect(after).toMatchObject({ status: "paid", amount_paid: 7_500, amount_due: 0 });
  });

  it("a retry with the same idempotency key returns the same transaction and counts once", async () => {
    const inv = await newInvoice({ items: items(4_000), allow_partial_payment: true });
    const key = "5f0b8a8e-4c51-4c3e-9a55-3b1f1e0c9d11";
    const first = await pay(inv.id, { amount: 1_000, idempotency_key: key });
    expect(first.status).toBe(200);
    const replay = await pay(inv.id, { amount: 1_000, idempotency_key: key });
    expect(replay.status).toBe(200);
    expect(dataOf<PayData>(replay).transaction.id).toBe(dataOf<PayData>(first).transaction.id);
    const after = dataOf<Invoice>(await env.api("GET", `/api/invoice/${inv.id}`));
    expect(after.amount_paid).toBe(1_000);
  });

  it("a retry after a full payment (e.g. after a timeout) answers with the original payment", async () => {
    const inv = await newInvoice({ items: items(2_500) });
    const key = "0d6f3f7e-2b8a-4f0e-8c1d-5a4b3c2d1e0f";
    const first = dataOf<PayData>(await pay(inv.id, { idempotency_key: key }));
    expect(first.invoice.status).toBe("paid");
    const retry = await pay(inv.id, { idempotency_key: key });
    expect(retry.status).toBe(200);
    expect(dataOf<PayData>(retry).transaction.id).toBe(first.transaction.id);
    expect(dataOf<PayData>(retry).invoice).toMatchObject({ status: "paid", amount_paid: 2_500 });
    const otherKey = await pay(inv.id, { idempotency_key: "9d6f3f7e-2b8a-4f0e-8c1d-5a4b3c2d1e0f" });
    expect(otherKey.status).toBe(400);
    expect(otherKey.json.msg).toMatch(/already paid/);
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
