import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { json, Money, parseAmount, parseBool, Problem, readBody } from "./http";

describe("gift-card wire helpers", () => {
  it("turns any two-place decimal into exact cents, whatever its spelling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), (cents) => {
        const s = (cents / 100).toFixed(2);
        expect(parseAmount(s)).toBe(cents);
        expect(parseAmount(Number(s))).toBe(cents);
      }),
      { numRuns: 500 },
    );
    expect(parseAmount("10.5")).toBe(1050);
    expect(parseAmount(0.1)).toBe(10);
  });

  it("refuses zero, negatives, three decimals and words as validation problems", () => {
    for (const v of [0, "0.00", -1, "1.234", "ten", null, undefined, "1e3"]) {
      let caught: unknown;
      try {
        parseAmount(v);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Problem);
      expect((caught as Problem).errors?.amount).toBeDefined();
    }
  });

  it("writes money as decimals with two places", async () => {
    const r = json({ balance: new Money(2550), zero: new Money(0), big: new Money(1_000_000), note: "x" });
    expect(await r.text()).toBe('{"balance":25.50,"zero":0.00,"big":10000.00,"note":"x"}');
  });

  it("binds field names whatever their case", async () => {
    const b = await readBody(
      new Request("http://x", { method: "POST", body: '{"FranchiseeID":"a","acceptPartialAmount":true}' }),
    );
    expect(b).toEqual({ franchiseeid: "a", acceptpartialamount: true });
    expect(parseBool("true", "x")).toBe(true);
    expect(() => parseBool("yes", "x")).toThrow(Problem);
  });
});
