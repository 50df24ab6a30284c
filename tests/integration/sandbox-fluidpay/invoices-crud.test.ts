import { describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";
import { address, invoiceBody, type Invoice } from "./invoices-helpers";
import { createCustomer, dataOf } from "./recurring-helpers";

const env = openForFile(() => setup("invoices crud"));
const other = openForFile(() => setup("invoices crud (other)"));

const create = (over: Record<string, unknown> = {}) => env.api("POST", "/api/invoice", invoiceBody(over));

describe("POST /api/invoice and GET /api/invoice/{id}", () => {
  it("creates the seed's example invoice with computed totals, public hash and hosted_url", async () => {
    const r = await create();
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const inv = dataOf<Invoice>(r);
    expect(inv).toMatchObject({
      currency: "USD",
      company_name: "ACME Inc.",
      customer_number: "123Customer",
      merchant_id: env.merchantId,
      subtotal: 100,
      tax: 0,
      tax_percent: "0.000",
      total: 100,
      amount_paid: 0,
      amount_due: 100,
      status: "pending",
      payment_methods: ["card"],
      send_via: "none",
      last_sent_at: "0001-01-01T00:00:00Z",
      date_due: "2030-02-13T06:00:00Z",
      message: "Thank you for your business!",
      transaction_type: "sale",
      allow_partial_payment: false,
    });
    expect(inv.id).toMatch(/^[0-9a-v]{20}$/);
    expect(inv.public_hash).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(inv.public_url).toBe(inv.public_hash);
    expect(inv.hosted_url).toBe(`${env.s.url}/sandbox/gateway/invoice/${inv.public_hash}`);
    expect(inv.items[0]).toMatchObject({
      name: "Widget",
      quantity: 1,
      unit_price: 100,
      amount: 100,
      status: "pending",
    });
    expect(inv.payable_to).toMatchObject({ company: "Merchant Business", state: "IL", country: "US", id: "" });
    const g = await env.api("GET", `/api/invoice/${inv.id}`);
    expect(g.status).toBe(200);
    expect(dataOf(g)).toEqual(inv);
  });

  it("computes item tax, discounts, invoice-level percent tax, flat tax, shipping and adjustment", async () => {
    const items = [
      { name: "A", unit_price: 333, quantity: 3, taxable: true, tax_rate: "8.25" }, // 999, tax 82.4175 → 82
      { name: "B", unit_price: 1000, quantity: 1, taxable: true, tax_rate: "7", discount: 15000, discount_type: "%" }, // 850, 59.5 → 60
      { name: "C", unit_price: 500, quantity: 2, discount_amount: 100 }, // 900, untaxed
    ];
    const itemLevel = dataOf<Invoice>(await create({ items, shipping: 500, adjustment: -49 }));
    expect(itemLevel.items.map((i) => [i.discount_amount, i.tax_amount, i.amount])).toEqual([
      [0, 82, 1081],
      [150, 60, 910],
      [100, 0, 900],
    ]);
    expect([itemLevel.subtotal, itemLevel.tax, itemLevel.total]).toEqual([2749, 142, 2749 + 142 + 500 - 49]);

    const pct = dataOf<Invoice>(await create({ items, enable_tax: true, tax_percent: "10.000" }));
    // Invoice-level tax overrides item rates, once on the taxable base 999 + 850 = 1849 → 184.9 → 185.
    expect([pct.tax, pct.total]).toEqual([185, 2749 + 185]);
    expect(pct.tax_percent).toBe("10.000");

    const flat = dataOf<Invoice>(await create({ items, enable_tax: true, tax_percent: "0.000", tax: 321 }));
    expect([flat.tax, flat.total]).toEqual([321, 2749 + 321]);
  });

  it.each([
    [{ currency: undefined }, /invalid currency: is required/],
    [{ payable_to: undefined }, /invalid payable_to: is required/],
    [{ bill_to: address({ city: "" }) }, /invalid bill_to\.city: is required/],
    [{ bill_to: address({ postal_code: "ABC" }) }, /invalid bill_to\.postal_code/],
    [{ bill_to: address({ state: "Illinois" }) }, /invalid bill_to\.state/],
    [{ bill_to: address({ email: "nope" }) }, /invalid bill_to\.email/],
    [{ date_due: "someday" }, /invalid date_due/],
    [{ items: [] }, /invalid items: needs at least one item/],
    [{ items: [{ name: "x", quantity: 1 }] }, /invalid items\[0\]\.unit_price/],
    [{ items: [{ unit_price: 1, quantity: -1 }] }, /invalid items\[0\]\.quantity/],
    [{ items: [{ unit_price: 1, quantity: 1, tax_rate: "abc" }] }, /invalid items\[0\]\.tax_rate/],
    [{ payment_methods: ["bitcoin"] }, /invalid payment_methods\[0\]/],
    [{ payment_methods: [] }, /invalid payment_methods/],
    [{ send_via: "fax" }, /invalid send_via/],
    [{ send_via: "email", bill_to: address({ email: "" }) }, /invalid email_to: is required/],
    [{ enable_tax: true }, /invalid tax_percent: is required when enable_tax/],
    [{ transaction_type: "credit" }, /invalid transaction_type/],
    [{ customer_id: "nosuchcustomer000000" }, /invalid customer_id: customer not found/],
  ])("rejects %j with a 400 naming the field", async (patch, msg) => {
    const r = await create(patch);
    expect(r.status).toBe(400);
    expect(r.json.status).toBe("failed");
    expect(r.json.msg).toMatch(msg);
  });

  it("accepts a vault customer and records sending (last_sent_at) when send_via is not none", async () => {
    const customer = await createCustomer(env);
    const r = await create({ customer_id: customer.id, send_via: "email", email_to: "pay@example.com" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const inv = dataOf<Invoice>(r);
    expect(inv.customer_id).toBe(customer.id);
    expect(inv.last_sent_at).not.toBe("0001-01-01T00:00:00Z");
  });

  it("404s for an unknown id and for another account's invoice", async () => {
    const inv = dataOf<Invoice>(await create());
    expect((await env.api("GET", "/api/invoice/nosuchinvoice0000000")).status).toBe(404);
    expect((await other.api("GET", `/api/invoice/${inv.id}`)).status).toBe(404);
    expect((await env.api("GET", `/api/invoice/${inv.id}`, undefined, env.publicKey)).status).toBe(401);
  });
});

describe("POST /api/invoice/{id} (update) and DELETE", () => {
  it("merges an update, recomputes totals, and replaces items when given", async () => {
    const inv = dataOf<Invoice>(await create());
    const r = await env.api("POST", `/api/invoice/${inv.id}`, {
      items: [{ name: "Gadget", unit_price: 2500, quantity: 2 }],
      shipping: 300,
      message: "Updated",
    });
    expect(r.status).toBe(200);
    const u = dataOf<Invoice>(r);
    expect(u).toMatchObject({ id: inv.id, message: "Updated", company_name: "ACME Inc.", subtotal: 5000, total: 5300 });
    expect(u.public_hash).toBe(inv.public_hash);
    const bad = await env.api("POST", `/api/invoice/${inv.id}`, { items: [{ unit_price: "x", quantity: 1 }] });
    expect(bad.status).toBe(400);
    expect((await env.api("POST", "/api/invoice/nosuchinvoice0000000", { message: "x" })).status).toBe(404);
  });

  it("deletes an unpaid invoice (the seed's response has no data member), then 404", async () => {
    const inv = dataOf<Invoice>(await create());
    const d = await env.api("DELETE", `/api/invoice/${inv.id}`);
    expect(d.status).toBe(200);
    expect(d.json).toEqual({ status: "success", msg: "success" });
    expect((await env.api("GET", `/api/invoice/${inv.id}`)).status).toBe(404);
    expect((await env.api("DELETE", `/api/invoice/${inv.id}`)).status).toBe(404);
  });
});

describe("POST /api/invoices/search", () => {
  it("filters by id, amount_due, date_due, invoice_number and status with limit/offset", async () => {
    const a = dataOf<Invoice>(await create({ invoice_number: "S-1", items: [{ unit_price: 7777, quantity: 1 }] }));
    const b = dataOf<Invoice>(await create({ invoice_number: "S-2", date_due: "2031-06-01T00:00:00Z" }));
    const byId = await env.api("POST", "/api/invoices/search", { id: { operator: "=", value: a.id } });
    expect(byId.status).toBe(200);
    expect((byId.json.data as Invoice[]).map((i) => i.id)).toEqual([a.id]);
    expect(byId.json.total_count).toBe(1);
    const byAmount = await env.api("POST", "/api/invoices/search", { amount_due: { operator: ">", value: 7000 } });
    expect((byAmount.json.data as Invoice[]).map((i) => i.id)).toContain(a.id);
    expect((byAmount.json.data as Invoice[]).every((i) => i.amount_due > 7000)).toBe(true);
    const byDate = await env.api("POST", "/api/invoices/search", {
      date_due: { start_date: "2031-01-01T00:00:00Z", end_date: "2031-12-31T23:59:59Z" },
    });
    expect((byDate.json.data as Invoice[]).map((i) => i.id)).toEqual([b.id]);
    const byNumber = await env.api("POST", "/api/invoices/search", { invoice_number: { operator: "%", value: "S-" } });
    expect(byNumber.json.total_count).toBe(2);
    const notA = await env.api("POST", "/api/invoices/search", { id: { operator: "!=", value: a.id }, limit: 100 });
    expect((notA.json.data as Invoice[]).map((i) => i.id)).not.toContain(a.id);
    const page = await env.api("POST", "/api/invoices/search", { limit: 1, offset: 1 });
    expect((page.json.data as unknown[]).length).toBe(1);
    expect(page.json.total_count as number).toBeGreaterThan(1);
    const bad = await env.api("POST", "/api/invoices/search", { limit: 500 });
    expect(bad.status).toBe(400);
    const badOp = await env.api("POST", "/api/invoices/search", { amount_due: { operator: "~", value: 1 } });
    expect(badOp.status).toBe(400);
    expect(badOp.json.msg).toMatch(/invalid amount_due/);
    expect((await other.api("POST", "/api/invoices/search", {})).json.total_count).toBe(0);
  });
});

describe("marking paid through the documented update (items' status, amount_paid)", () => {
  it("every item paid with money due marks the invoice paid; a paid invoice refuses edits", async () => {
    const inv = dataOf<Invoice>(await create());
    const items = (inv.items as Record<string, unknown>[]).map((i) => ({
      name: i.name,
      unit_price: i.unit_price,
      quantity: i.quantity,
      status: "paid",
    }));
    const paid = await env.api("POST", `/api/invoice/${inv.id}`, { items });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    expect(dataOf(paid)).toMatchObject({ status: "paid", amount_due: 0, amount_paid: 100 });
    const edit = await env.api("POST", `/api/invoice/${inv.id}`, { message: "late edit" });
    expect(edit.status).toBe(400);
    expect(edit.json.msg).toMatch(/paid invoice cannot be updated/);
    expect((await env.api("POST", `/api/invoice/${inv.id}`, { amount_paid: -1 })).status).toBe(400);
  });

  it("resend, mark-as-paid and reactivate routes are not in seed 003: 404", async () => {
    const inv = dataOf<Invoice>(await create());
    for (const action of ["resend", "mark-as-paid", "reactivate", "pay"]) {
      expect((await env.api("POST", `/api/invoice/${inv.id}/${action}`, {})).status, action).toBe(404);
    }
  });
});
