import { afterAll, beforeAll, expect, test } from "vitest";
import { setup, type Env } from "./helpers";

let env: Env;
let processorId: string;
beforeAll(async () => {
  env = await setup("fees");
  const t = await env.api("POST", "/api/transaction", {
    type: "verification",
    payment_method: { card: { number: "4111111111111111", expiration_date: "12/30" } },
  });
  processorId = (t.json.data as { processor_id: string }).processor_id;
});
afterAll(async () => {
  await env.s.close();
});

test("lookup/fees: the seed example shape; a surchargeable BIN gets the 3.5% surcharge", async () => {
  const r = await env.api("POST", "/api/lookup/fees", {
    type: "integrations",
    type_id: "",
    state: "IL",
    bin: "517246700",
    payment_method: "card",
    base_amount: 10000,
  });
  expect(r.status).toBe(200);
  expect(r.json.data).toEqual({
    service_fee: 0,
    payment_adjustment: { value: 0, type: "" },
    requested_amount: 10350,
    discount_amount: null,
    surcharge: 350,
  });
});

test("lookup/fees: debit BIN and no-surcharge states get none; missing fields are 400", async () => {
  const debit = await env.api("POST", "/api/lookup/fees", {
    type: "integrations",
    bin: "411111",
    payment_method: "card",
    base_amount: 1000,
  });
  expect((debit.json.data as { surcharge: number }).surcharge).toBe(0);
  const ct = await env.api("POST", "/api/lookup/fees", {
    type: "integrations",
    state: "CT",
    bin: "400551",
    payment_method: "card",
    base_amount: 1000,
  });
  expect((ct.json.data as { surcharge: number }).surcharge).toBe(0);
  expect(
    (await env.api("POST", "/api/lookup/fees", { type: "integrations", payment_method: "card", base_amount: 1 }))
      .status,
  ).toBe(400);
  expect(
    (await env.api("POST", "/api/lookup/fees", { type: "integrations", bin: "411111", payment_method: "card" })).status,
  ).toBe(400);
  expect(
    (
      await env.api("POST", "/api/lookup/fees", {
        type: "other",
        bin: "411111",
        payment_method: "card",
        base_amount: 1,
      })
    ).status,
  ).toBe(400);
});

test("calculate/amounts: seed request shape, included amounts add to the total, display block", async () => {
  const r = await env.api("POST", "/api/calculate/amounts", {
    processor_id: processorId,
    amount: 1000,
    subtotal: 1000,
    currency: "USD",
    payment_method: "card",
    transaction_type: "sale",
    tax_amount: { type: "percentage", value: 18000, include: true },
    service_fee: { type: "flat", value: 350, include: true },
  });
  expect(r.status).toBe(200);
  const d = r.json.data as Record<string, unknown>;
  expect(d).toMatchObject({
    tax_amount: 180,
    service_fee: 350,
    surcharge: null,
    subtotal: 1000,
    amount: 1000,
    total: 1530,
    processor_id: processorId,
    included_amounts: { tax_amount: 180, service_fee: 350, surcharge: null },
    features: { surcharge: false },
  });
  expect(d.display).toMatchObject({
    tax: { value: 180, display: true },
    service_fee: { value: 350, display: true },
    surcharge: { value: 0, display: false },
    total: { value: 1530, display: true },
  });
});

test("calculate/amounts: surcharge from cc_bin, line items, discounts; documented errors", async () => {
  const base = {
    processor_id: processorId,
    subtotal: 2000,
    currency: "USD",
    payment_method: "card",
    transaction_type: "sale",
  };
  const s = await env.api("POST", "/api/calculate/amounts", { ...base, amount: 2000, cc_bin: "400551" });
  expect(s.json.data).toMatchObject({ surcharge: 70, total: 2070, features: { surcharge: true } });
  const li = await env.api("POST", "/api/calculate/amounts", {
    ...base,
    line_items: [
      { id: "1", name: "a", unit_price: 500, quantity: 2 },
      { id: "2", name: "b", unit_price: 1000, quantity: 1 },
    ],
    discount_amount: [{ type: "flat", value: 100, include: true }],
  });
  expect(li.json.data).toMatchObject({ amount: 2000, discount_amount: 100, total: 1900 });
  expect((await env.api("POST", "/api/calculate/amounts", { ...base, processor_id: "nope", amount: 1 })).status).toBe(
    400,
  );
  expect((await env.api("POST", "/api/calculate/amounts", { ...base })).status).toBe(400);
  expect((await env.api("POST", "/api/calculate/amounts", { ...base, amount: 1, payment_method: "cash" })).status).toBe(
    400,
  );
  expect(
    (await env.api("POST", "/api/calculate/amounts", { ...base, amount: 1, tax_amount: { type: "x", value: 1 } }))
      .status,
  ).toBe(400);
});

test("lookup/bin/protected answers a bare object", async () => {
  const r = await env.api("POST", "/api/lookup/bin/protected", { bin: "400551920", country: "US", state: "IL" });
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({
    bin: "400551",
    card_brand: "visa",
    card_type: "credit",
    is_surchargeable: true,
    payment_method_type: "card",
  });
  expect(r.json.status).toBeUndefined();
  const debit = await env.api("POST", "/api/lookup/bin/protected", { bin: "411111" });
  expect(debit.json).toMatchObject({ card_type: "debit", is_surchargeable: false });
  expect((await env.api("POST", "/api/lookup/bin/protected", { bin: "12" })).status).toBe(400);
});
