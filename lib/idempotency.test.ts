import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idempotencyKeyFor } from "./idempotency";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("idempotencyKeyFor", () => {
  it("is a UUID and stable for the same intent", () => {
    const k = idempotencyKeyFor("invoice", "inv_123", 1);
    expect(k).toMatch(UUID);
    expect(idempotencyKeyFor("invoice", "inv_123", 1)).toBe(k);
  });

  it("differs when any part differs, including how parts are split", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        (a, b) => {
          fc.pre(JSON.stringify(a) !== JSON.stringify(b));
          expect(idempotencyKeyFor(...a)).not.toBe(idempotencyKeyFor(...b));
        },
      ),
    );
    expect(idempotencyKeyFor("ab", "c")).not.toBe(idempotencyKeyFor("a", "bc"));
  });
});
