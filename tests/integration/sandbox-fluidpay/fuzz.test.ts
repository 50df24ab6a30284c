import fc from "fast-check";
import { expect, test } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";

/** Bad input never crashes the sandbox: every answer is a 2xx/4xx in the documented shape, never a 500. */
const env = openForFile(() => setup("fuzz"));

const ENDPOINTS = [
  "/api/transaction",
  "/api/transaction/search",
  "/api/vault/customer",
  "/api/vault/customer/search",
  "/api/lookup/fees",
  "/api/calculate/amounts",
  "/api/settlement/batch/search",
  "/api/lookup/bin/protected",
];

// Bodies shaped like the real ones but with wrong types and values in every slot.
const value = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 2_000_000_000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom("sale", "=", ">", "card", "4111111111111111", "12/30", "", "%", "2026-01-01T00:00:00Z"),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("operator", "value", "number", "type", "start_date"), fc.string({ maxLength: 10 })),
);
const keys = fc.constantFrom(
  "type",
  "amount",
  "base_amount",
  "payment_method",
  "billing_address",
  "idempotency_key",
  "limit",
  "offset",
  "status",
  "created_at",
  "default_payment",
  "bin",
  "processor_id",
  "subtotal",
  "tax_amount",
  "line_items",
  "batch_date",
  "payment_adjustment",
  "flags",
  "id",
);
const body = fc.oneof(
  fc.dictionary(keys, value, { maxKeys: 6 }),
  fc.record({
    type: fc.constantFrom("sale", "authorize", "credit", "verification"),
    amount: value,
    payment_method: fc.oneof(
      value,
      fc.record({ card: fc.dictionary(fc.constantFrom("number", "expiration_date", "cvc", "entry_type"), value) }),
      fc.record({
        ach: fc.dictionary(fc.constantFrom("routing_number", "account_number", "sec_code", "account_type"), value),
      }),
      fc.record({ customer: fc.dictionary(fc.constantFrom("id", "payment_method_id"), value) }),
      fc.record({ terminal: fc.dictionary(fc.constantFrom("id", "print_receipt"), value) }),
    ),
  }),
  fc.jsonValue({ maxDepth: 2 }),
);

test("property: fuzzed bodies to every POST endpoint answer < 500 in the envelope", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ENDPOINTS), body, async (path, b) => {
      const r = await env.api("POST", path, b);
      expect(r.status, `${path} ${JSON.stringify(b)} → ${JSON.stringify(r.json)}`).toBeLessThan(500);
      if (r.status >= 400) {
        expect(r.json.status).toBe("failed");
        expect(typeof r.json.msg).toBe("string");
      }
    }),
    { numRuns: 200 },
  );
});
