import { request } from "node:http";
import { describe, expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { card, sale, setup, type Txn } from "./helpers";

const env = openForFile(() => setup("transactions"));
const other = openForFile(() => setup("transactions-other"));

async function create(body: unknown): Promise<Txn> {
  const r = await env.api("POST", "/api/transaction", body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  expect(r.json.status).toBe("success");
  return r.json.data as Txn;
}
const cardBody = (t: Txn) => (t.response_body as { card: Record<string, unknown> }).card;

describe("auth and envelope", () => {
  test("a pub_ key on a server endpoint is 401 in the failed envelope", async () => {
    const r = await env.api("POST", "/api/transaction", sale(100), env.publicKey);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ status: "failed", msg: expect.stringContaining("unauthorized") });
  });
  test("missing and unknown keys are 401; a JWT works as `Bearer` (seed 003 L31–33), a forged or foreign one does not", async () => {
    const res = await fetch(`${env.s.url}/sandbox/gateway/api/terminals`);
    expect(res.status).toBe(401);
    expect((await env.api("GET", "/api/terminals", undefined, "api_nope")).status).toBe(401);
    expect((await env.api("GET", "/api/terminals", undefined, "Bearer abc.def")).status).toBe(401);
    const issued = await env.api("POST", "/_control/jwt", {});
    expect(issued.status).toBe(200);
    const { token } = issued.json.data as { token: string };
    const mine = await env.api("POST", "/api/transaction", sale(100), `Bearer ${token}`);
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    const id = (mine.json.data as Txn).id;
    expect((await env.api("GET", `/api/transaction/${id}`)).status).toBe(200);
    // The token names its account: the other account's key cannot see that transaction, nor can a tampered token.
    expect((await other.api("GET", `/api/transaction/${id}`)).status).toBe(404);
    const [h, p, sig] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url")}.${sig}`;
    expect((await env.api("GET", "/api/terminals", undefined, `Bearer ${forged}`)).status).toBe(401);
  });
  test("a known path with another method is 405 with an Allow header; a bad escape is 404", async () => {
    for (const method of ["PUT", "PATCH"]) {
      const res = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
        const r = request(`${env.s.url}/sandbox/gateway/api/transaction`, {
          method,
          headers: { authorization: env.apiKey },
        });
        r.on("response", (m) => {
          m.resume();
          resolve({ status: m.statusCode ?? 0, allow: m.headers.allow });
        });
        r.on("error", reject);
        r.end();
      });
      expect(res.status, method).toBe(405);
      expect(res.allow, method).toBe("POST");
    }
    const bad = await fetch(`${env.s.url}/sandbox/gateway/api/transaction/%zz`, {
      headers: { authorization: env.apiKey },
    });
    expect(bad.status).toBe(404);
  });
  test("every response carries x-correlation-id; unknown paths are 404 in the envelope", async () => {
    const res = await fetch(`${env.s.url}/sandbox/gateway/api/nothing-here`, {
      headers: { authorization: env.apiKey },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-correlation-id")).toBeTruthy();
    expect(await res.json()).toMatchObject({ status: "failed" });
  });
  test("invalid JSON is a 400 naming the problem", async () => {
    const res = await fetch(`${env.s.url}/sandbox/gateway/api/transaction`, {
      method: "POST",
      headers: { authorization: env.apiKey, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: "failed", msg: "bad request error: invalid json" });
  });
  test("accounts are isolated: another account's transaction is not found", async () => {
    const t = await create(sale(150));
    const r = await other.api("GET", `/api/transaction/${t.id}`);
    expect(r.status).toBe(404);
  });
});

describe("POST /api/transaction", () => {
  test("approved sale: pending_settlement, masked card, first six / last four, AVS/CVV", async () => {
    const t = await create({
      ...sale(1112),
      billing_address: { first_name: "John", address_line_1: "123 Some St", postal_code: "60187" },
    });
    expect(t.id).toMatch(/^[0-9a-v]{20}$/);
    expect(t).toMatchObject({
      type: "sale",
      status: "pending_settlement",
      response: "approved",
      response_code: 100,
      amount: 1112,
      amount_authorized: 1112,
      amount_captured: 1112,
      payment_method: "card",
      currency: "usd",
    });
    expect(cardBody(t)).toMatchObject({
      first_six: "411111",
      last_four: "1111",
      masked_card: "411111******1111",
      card_type: "visa",
      avs_response_code: "Y",
      cvv_response_code: "M",
    });
    expect(JSON.stringify(t)).not.toContain("4111111111111111");
  });
  test("4000000000009995 → declined, insufficient funds (HTTP 200, response_code 202)", async () => {
    const t = await create(sale(500, "4000000000009995"));
    expect(t.status).toBe("declined");
    expect(t.response).toBe("declined");
    expect(t.response_code).toBe(202);
    expect(t.amount_authorized).toBe(0);
    expect(cardBody(t).processor_response_text).toBe("INSUFFICIENT FUNDS");
    expect(cardBody(t).processor_response_code).toBe("51");
  });
  test.each([
    ["4000000000000002", 200],
    ["4000000000000069", 223],
    ["4000000000009987", 204],
    ["4000000000009979", 205],
  ])("trigger card %s declines with %i", async (number, code) => {
    const t = await create(sale(500, number));
    expect(t.status).toBe("declined");
    expect(t.response_code).toBe(code);
  });
  test("an expiry in the past declines as expired card", async () => {
    const t = await create({
      type: "sale",
      amount: 100,
      payment_method: card("4005519200000004", { expiration_date: "01/20" }),
    });
    expect(t.response_code).toBe(223);
  });
  test("4000000000000051 approves half with allow_partial_payment, declines without", async () => {
    const partial = await create({ ...sale(1001, "4000000000000051"), allow_partial_payment: true });
    expect(partial.response_code).toBe(110);
    expect(partial.amount_authorized).toBe(500);
    expect(partial.status).toBe("pending_settlement");
    const refused = await create(sale(1001, "4000000000000051"));
    expect(refused.status).toBe("declined");
  });
  test("CVC 200 → cvv N; postal 20000 → avs N; no address → avs 0", async () => {
    const t = await create({
      type: "sale",
      amount: 100,
      payment_method: card("4111111111111111", { cvc: "200" }),
      billing_address: { postal_code: "20000" },
    });
    expect(cardBody(t).cvv_response_code).toBe("N");
    expect(cardBody(t).avs_response_code).toBe("N");
    const bare = await create(sale(100));
    expect(cardBody(bare).avs_response_code).toBe("0");
  });
  test("authorize → authorized; verification → 0 amount; credit → pending_settlement", async () => {
    const a = await create({ type: "authorize", amount: 700, payment_method: card() });
    expect(a).toMatchObject({ status: "authorized", amount_authorized: 700, amount_captured: 0 });
    const v = await create({ type: "verification", payment_method: card() });
    expect(v).toMatchObject({ status: "authorized", amount: 0, response_code: 100 });
    const c = await create({ type: "credit", amount: 300, payment_method: card() });
    expect(c).toMatchObject({ status: "pending_settlement", amount_captured: 300 });
  });
  test("ACH sale: echeck, masked account; routing 000000000 declines", async () => {
    const ach = { routing_number: "490000018", account_number: "99999912", sec_code: "web", account_type: "checking" };
    const t = await create({ type: "sale", amount: 900, payment_method: { ach } });
    expect(t).toMatchObject({ status: "pending_settlement", payment_method: "ach", payment_type: "echeck" });
    expect((t.response_body as { ach: Record<string, unknown> }).ach.masked_account_number).toBe("****9912");
    const d = await create({
      type: "sale",
      amount: 900,
      payment_method: { ach: { ...ach, routing_number: "000000000" } },
    });
    expect(d.status).toBe("declined");
  });
  test("base_amount adds a 3.5% surcharge on a surchargeable credit card, none on a debit card", async () => {
    const credit = await create({ type: "sale", base_amount: 1000, payment_method: card("4005519200000004") });
    expect(credit).toMatchObject({ amount: 1035, base_amount: 1000, surcharge: 35 });
    const debit = await create({ type: "sale", base_amount: 1000, payment_method: card("4111111111111111") });
    expect(debit).toMatchObject({ amount: 1000, surcharge: 0 });
    const passed = await create({
      type: "sale",
      base_amount: 1000,
      surcharge: 10,
      payment_method: card("4005519200000004"),
    });
    expect(passed.amount).toBe(1010);
    const adj = await create({
      type: "sale",
      base_amount: 1000,
      payment_adjustment: { type: "flat", value: 199 },
      payment_method: card("4111111111111111"),
    });
    expect(adj.amount).toBe(1199);
  });
  test("create_vault_record stores a customer with the masked card", async () => {
    const t = await create({ ...sale(100), create_vault_record: true });
    expect(t.customer_id).toBeTruthy();
    const c = await env.api("GET", `/api/vault/${t.customer_id as string}`);
    expect(c.status).toBe(200);
    const cards = (
      (c.json.data as Record<string, unknown>).data as {
        customer: { payments: { cards: { masked_number: string }[] } };
      }
    ).customer.payments.cards;
    expect(cards[0]?.masked_number).toBe("411111******1111");
    const charged = await create({ type: "sale", amount: 250, payment_method: { customer: { id: t.customer_id } } });
    expect(charged).toMatchObject({
      status: "pending_settlement",
      payment_method: "customer",
      customer_id: t.customer_id,
    });
  });
  test.each([
    [{ type: "sale", amount: 100 }, "payment_method"],
    [{ type: "sale", amount: 100, payment_method: {} }, "payment_method"],
    [{ type: "sale", amount: 100, payment_method: { ...card(), token: "x" } }, "only one"],
    [{ type: "refundz", amount: 100, payment_method: card() }, "type"],
    [{ type: "sale", payment_method: card() }, "amount"],
    [{ type: "sale", amount: -5, payment_method: card() }, "amount"],
    [{ type: "sale", amount: 100, payment_method: card("4111111111111112") }, "payment_method.card.number"],
    [
      { type: "sale", amount: 100, payment_method: card("4111111111111111", { expiration_date: "13/30" }) },
      "expiration_date",
    ],
    [{ type: "sale", amount: 100, payment_method: card(), email_receipt: true }, "email_address"],
    [{ type: "sale", amount: 100, payment_method: card(), order_id: "x".repeat(18) }, "order_id"],
    [{ type: "sale", amount: 100, payment_method: card(), description: "d".repeat(256) }, "description"],
    [{ type: "sale", amount: 100, payment_method: card(), ip_address: "not-an-ip" }, "ip_address"],
    [{ type: "sale", amount: 100, payment_method: card(), currency: "EUR" }, "currency"],
    [{ type: "sale", amount: 100, payment_method: card(), processor_id: "zzz" }, "processor_id"],
    [{ type: "sale", amount: 100, payment_method: card(), idempotency_key: "not-a-uuid" }, "idempotency_key"],
    [
      { type: "sale", amount: 100, payment_method: card(), billing_address: { email: "nope" } },
      "billing_address.email",
    ],
    [
      {
        type: "sale",
        amount: 100,
        payment_method: {
          ach: { routing_number: "1", account_number: "1234", sec_code: "web", account_type: "checking" },
        },
      },
      "routing_number",
    ],
    [
      {
        type: "sale",
        amount: 100,
        payment_method: {
          ach: { routing_number: "490000018", account_number: "1234", sec_code: "tel", account_type: "checking" },
        },
      },
      "check_number",
    ],
    [
      {
        type: "authorize",
        amount: 100,
        payment_method: {
          ach: { routing_number: "490000018", account_number: "1234", sec_code: "web", account_type: "checking" },
        },
      },
      "ach",
    ],
    [{ type: "sale", amount: 100, payment_method: { terminal: { id: "nope", print_receipt: "no" } } }, "terminal.id"],
    [{ type: "sale", amount: 100, payment_method: { token: "tok_missing" } }, "token"],
    [{ type: "sale", amount: 100, payment_method: { customer: { id: "missing" } } }, "customer.id"],
  ])("invalid request %# → 400 naming %s", async (body, field) => {
    const r = await env.api("POST", "/api/transaction", body);
    expect(r.status).toBe(400);
    expect(r.json.status).toBe("failed");
    expect(String(r.json.msg)).toContain(field);
  });
});

describe("GET /api/transaction/{id}", () => {
  test("data is a one-element array", async () => {
    const t = await create(sale(321));
    const r = await env.api("GET", `/api/transaction/${t.id}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "success", msg: "success", total_count: 1 });
    expect(r.json.data).toEqual([expect.objectContaining({ id: t.id, amount: 321 })]);
  });
  test("unknown id → 404", async () => {
    expect((await env.api("GET", "/api/transaction/aaaaaaaaaaaaaaaaaaaa")).status).toBe(404);
  });
});

describe("lifecycle", () => {
  test("authorize → capture (≤ authorized) → settle → partial refunds → refunded", async () => {
    const a = await create({ type: "authorize", amount: 1000, payment_method: card() });
    const over = await env.api("POST", `/api/transaction/${a.id}/capture`, { amount: 1001 });
    expect(over.status).toBe(400);
    const refundEarly = await env.api("POST", `/api/transaction/${a.id}/refund`, { amount: 100 });
    expect(refundEarly.status).toBe(400);
    const cap = await env.api("POST", `/api/transaction/${a.id}/capture`, { amount: 800 });
    expect(cap.status).toBe(200);
    expect(cap.json.data).toMatchObject({ status: "pending_settlement", amount_captured: 800 });
    expect((await env.api("POST", `/api/transaction/${a.id}/capture`, {})).status).toBe(400);
    expect((await env.api("POST", "/_control/settle")).status).toBe(200);
    const settled = (await env.api("GET", `/api/transaction/${a.id}`)).json.data as Txn[];
    expect(settled[0]).toMatchObject({ status: "settled", amount_settled: 800 });
    expect((await env.api("POST", `/api/transaction/${a.id}/void`)).status).toBe(400);
    const r1 = await env.api("POST", `/api/transaction/${a.id}/refund`, { amount: 300 });
    expect(r1.status).toBe(200);
    expect(r1.json.data).toMatchObject({ type: "refund", amount: 300, referenced_transaction_id: a.id });
    const mid = ((await env.api("GET", `/api/transaction/${a.id}`)).json.data as Txn[])[0];
    expect(mid).toMatchObject({ status: "partially_refunded", amount_refunded: 300 });
    expect((await env.api("POST", `/api/transaction/${a.id}/refund`, { amount: 501 })).status).toBe(400);
    expect((await env.api("POST", `/api/transaction/${a.id}/refund`, { amount: 500 })).status).toBe(200);
    const done = ((await env.api("GET", `/api/transaction/${a.id}`)).json.data as Txn[])[0];
    expect(done).toMatchObject({ status: "refunded", amount_refunded: 800 });
  });
  test("void before settlement answers data null and voids", async () => {
    const t = await create(sale(400));
    const v = await env.api("POST", `/api/transaction/${t.id}/void`);
    expect(v.status).toBe(200);
    expect(v.json).toEqual({ status: "success", msg: "success", data: null });
    const got = ((await env.api("GET", `/api/transaction/${t.id}`)).json.data as Txn[])[0];
    expect(got?.status).toBe("voided");
    expect((await env.api("POST", `/api/transaction/${t.id}/void`)).status).toBe(400);
  });
  test("4000000000000010 authorizes but its refund declines", async () => {
    const t = await create(sale(600, "4000000000000010"));
    expect(t.status).toBe("pending_settlement");
    await env.api("POST", "/_control/settle");
    const r = await env.api("POST", `/api/transaction/${t.id}/refund`, { amount: 100 });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ type: "refund", status: "declined" });
    const parent = ((await env.api("GET", `/api/transaction/${t.id}`)).json.data as Txn[])[0];
    expect(parent).toMatchObject({ status: "settled", amount_refunded: 0 });
  });
  test("tipadjust is not in seed 003: 404 even for a known transaction", async () => {
    const t = await create(sale(1000));
    expect((await env.api("POST", `/api/transaction/${t.id}/tipadjust`, { tip_amount: 200 })).status).toBe(404);
  });
  test("capture/void/refund of an unknown id → 404", async () => {
    for (const action of ["capture", "void", "refund"]) {
      expect((await env.api("POST", `/api/transaction/aaaaaaaaaaaaaaaaaaaa/${action}`, { tip_amount: 1 })).status).toBe(
        404,
      );
    }
  });
});

describe("order_id / po_number (seed 003 L90–91: up to 15 alphanumeric characters)", () => {
  test("15 letters and digits pass; 16, or punctuation, are refused with the documented error", async () => {
    await create({ ...sale(100), order_id: "A23456789012345", po_number: "B23456789012345" });
    for (const bad of [{ order_id: "A234567890123456" }, { order_id: "INV-1001" }, { po_number: "P 1" }]) {
      const r = await env.api("POST", "/api/transaction", { ...sale(100), ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.json.status).toBe("failed");
    }
  });
});

describe("seed 003 shapes (issue 22 §2)", () => {
  test("a void of an uncaptured authorization is an auth reversal (L1147): status reversed; a captured sale is voided", async () => {
    const auth = await create({ ...sale(500), type: "authorize" });
    expect(auth.status).toBe("authorized");
    expect((await env.api("POST", `/api/transaction/${auth.id}/void`, {})).status).toBe(200);
    const reversed = ((await env.api("GET", `/api/transaction/${auth.id}`)).json.data as Txn[])[0];
    expect(reversed?.status).toBe("reversed");
    const captured = await create(sale(600));
    await env.api("POST", `/api/transaction/${captured.id}/void`, {});
    expect(((await env.api("GET", `/api/transaction/${captured.id}`)).json.data as Txn[])[0]?.status).toBe("voided");
  });
  test("GET answers `response` as the nested per-method object (L933–975), like the seed's example", async () => {
    const t = await create(sale(700));
    const got = ((await env.api("GET", `/api/transaction/${t.id}`)).json.data as Txn[])[0] as Record<string, unknown>;
    expect(got.response).toMatchObject({ card: { last_four: "1111", status: "approved" } });
  });
  test("GET /api/terminals answers the seed's envelope (L2261–2265: msg is empty)", async () => {
    const r = await env.api("GET", "/api/terminals");
    expect(r.json).toMatchObject({ status: "success", msg: "", total_count: expect.any(Number) });
  });
  test("a refund without amount refunds the amount from auth (L1169)", async () => {
    const t = await create(sale(1234));
    await env.api("POST", "/_control/settle");
    const r = await env.api("POST", `/api/transaction/${t.id}/refund`, {});
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.data).toMatchObject({ type: "refund", amount: 1234 });
  });
});
