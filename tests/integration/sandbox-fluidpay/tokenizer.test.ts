import { expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";

const env = openForFile(() => setup("tokenizer"));

async function tokenize(body: unknown, key = env.publicKey) {
  const res = await fetch(`${env.s.url}/sandbox/gateway/tokenizer/${key}/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test("tokenizer.js is served as JavaScript and defines Tokenizer with submit()", async () => {
  const res = await fetch(`${env.s.url}/sandbox/gateway/tokenizer/tokenizer.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("javascript");
  const js = await res.text();
  expect(js).toContain("window.Tokenizer = Tokenizer");
  expect(js).toContain("Tokenizer.prototype.submit");
  expect(js).toContain('"/api/tokenizer/"');
});

test("the iframe page is keyed by a pub_ key, may be framed by any origin, and uses a nonce CSP", async () => {
  const res = await fetch(
    `${env.s.url}/sandbox/gateway/tokenizer/${env.publicKey}?id=abc&types=card,ach&origin=${encodeURIComponent("http://shop.example")}`,
  );
  expect(res.status).toBe(200);
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors *");
  expect(csp).toMatch(/script-src 'nonce-[^']+'/);
  expect(res.headers.get("x-frame-options")).toBeNull();
  const html = await res.text();
  expect(html).toContain('"id":"abc"');
  expect(html).toContain('"origin":"http://shop.example"');
  expect(html).toContain("event:event");
  expect(html).toContain("Bank account");
  const alias = await fetch(`${env.s.url}/sandbox/gateway/api/tokenizer/${env.publicKey}`);
  expect(alias.status).toBe(200);
  expect((await fetch(`${env.s.url}/sandbox/gateway/tokenizer/pub_unknown`)).status).toBe(401);
  expect((await fetch(`${env.s.url}/sandbox/gateway/tokenizer/${env.apiKey}`)).status).toBe(401);
});

test("a card token is one-time: it charges once, then is refused", async () => {
  const t = await tokenize({
    type: "card",
    card: { number: "4111111111111111", expiration_date: "12/30", cvc: "123" },
  });
  expect(t.status).toBe(200);
  const data = t.json.data as { status: string; token: string; card: Record<string, unknown> };
  expect(data).toMatchObject({
    status: "success",
    card: { first_six: "411111", last_four: "1111", card_type: "visa" },
  });
  expect(JSON.stringify(t.json)).not.toContain("4111111111111111");
  const charge = await env.api("POST", "/api/transaction", {
    type: "sale",
    amount: 100,
    payment_method: { token: data.token },
  });
  expect(charge.json.data).toMatchObject({ status: "pending_settlement", payment_method: "token" });
  expect(
    (charge.json.data as { response_body: { card: { masked_card: string } } }).response_body.card.masked_card,
  ).toBe("411111******1111");
  const again = await env.api("POST", "/api/transaction", {
    type: "sale",
    amount: 100,
    payment_method: { token: data.token },
  });
  expect(again.status).toBe(400);
  expect(String(again.json.msg)).toContain("token");
});

test("tokens expire on the account's simulated clock; ACH tokens vault as ACH", async () => {
  const t = await tokenize({ type: "card", card: { number: "4005519200000004", expiration_date: "12/30" } });
  await env.api("POST", "/_control/clock", { advance_seconds: 16 * 60 });
  const late = await env.api("POST", "/api/transaction", {
    type: "sale",
    amount: 100,
    payment_method: { token: (t.json.data as { token: string }).token },
  });
  expect(late.status).toBe(400);
  expect(String(late.json.msg)).toContain("expired");
  const ach = await tokenize({
    type: "ach",
    ach: { routing_number: "490000018", account_number: "12345678", account_type: "checking", sec_code: "web" },
  });
  expect(ach.status).toBe(200);
  const customer = await env.api("POST", "/api/vault/customer", {
    default_payment: { token: (ach.json.data as { token: string }).token },
  });
  expect(customer.status).toBe(200);
  const c = customer.json.data as { data: { customer: { payments: { ach: { masked_account_number: string }[] } } } };
  expect(c.data.customer.payments.ach[0]?.masked_account_number).toBe("****5678");
});

test("token endpoint validates Luhn, expiry, CVC and refuses private keys", async () => {
  const luhn = await tokenize({ type: "card", card: { number: "4111111111111112", expiration_date: "12/30" } });
  expect(luhn.status).toBe(400);
  expect(String(luhn.json.msg)).toContain("card.number");
  const expired = await tokenize({ type: "card", card: { number: "4111111111111111", expiration_date: "01/20" } });
  expect(String(expired.json.msg)).toContain("expired");
  const cvc = await tokenize({
    type: "card",
    card: { number: "4111111111111111", expiration_date: "12/30", cvc: "12" },
  });
  expect(String(cvc.json.msg)).toContain("cvc");
  expect(
    (await tokenize({ type: "card", card: { number: "4111111111111111", expiration_date: "12/30" } }, env.apiKey))
      .status,
  ).toBe(401);
  expect((await tokenize({ type: "cash" })).status).toBe(400);
});

test("POST /api/vault/customer/{id}/token stores the tokenized card; unknown customers are 404", async () => {
  const created = await env.api("POST", "/api/vault/customer", { description: "token holder" });
  const id = (created.json.data as { id: string }).id;
  const t = await tokenize({ type: "card", card: { number: "5555555555554444", expiration_date: "11/29" } });
  const token = (t.json.data as { token: string }).token;
  const r = await env.api("POST", `/api/vault/customer/${id}/token`, { token });
  expect(r.status).toBe(200);
  const view = r.json.data as {
    created_payment_method_id: string;
    data: {
      customer: { defaults: Record<string, string>; payments: { cards: { id: string; masked_number: string }[] } };
    };
  };
  expect(view.data.customer.payments.cards[0]).toMatchObject({
    id: view.created_payment_method_id,
    masked_number: "555555******4444",
  });
  expect(view.data.customer.defaults).toMatchObject({ payment_method_type: "card" });
  expect((await env.api("POST", `/api/vault/customer/${id}/token`, { token })).status).toBe(400);
  expect((await env.api("POST", `/api/vault/customer/nobody/token`, { token })).status).toBe(404);
  expect((await env.api("POST", `/api/vault/customer/nobody`, { description: "x" })).status).toBe(404);
  expect((await env.api("GET", `/api/vault/nobody`)).status).toBe(404);
});
