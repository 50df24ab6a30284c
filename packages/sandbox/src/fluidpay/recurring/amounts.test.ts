import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleAmount, isActive, percentOf, totalOf, type Adjustment } from "./amounts";

const fixed = (amount: number, duration = 0): Adjustment => ({ id: "a", amount, percentage: null, duration });
const pct = (percentage: number, duration = 0): Adjustment => ({ id: "p", amount: null, percentage, duration });

describe("recurring amounts", () => {
  it("rounds percentage products half away from zero to the cent", () => {
    expect(percentOf(2000, 10_000)).toBe(200);
    expect(percentOf(5, 10_000)).toBe(1); // 0.5 → 1
    expect(percentOf(4, 12_500)).toBe(1); // 0.5 → 1
    expect(percentOf(3, 10_000)).toBe(0); // 0.3 → 0
    expect(percentOf(-5, 10_000)).toBe(-1); // −0.5 → −1 (away from zero)
    expect(percentOf(1999, 43_440)).toBe(868); // 868.3656
    expect(percentOf(99_999_999_999, 100_000)).toBe(99_999_999_999);
  });

  it("$20 plan + $5 add-on for 2 cycles + 10% discount forever → 2300, 2300, 1800", () => {
    const amounts = [0, 1, 2].map((charged) => cycleAmount(2000, [fixed(500, 2)], [pct(10_000)], charged).amount);
    expect(amounts).toEqual([2300, 2300, 1800]);
  });

  it("counts durations in charged cycles; 0 means forever", () => {
    expect(isActive(fixed(1, 0), 10_000)).toBe(true);
    expect(isActive(fixed(1, 3), 2)).toBe(true);
    expect(isActive(fixed(1, 3), 3)).toBe(false);
  });

  it("floors a cycle at zero when discounts exceed the amount", () => {
    expect(cycleAmount(1000, [], [fixed(1500), pct(50_000)], 0)).toEqual({ amount: 0, addOns: 0, discounts: 2000 });
  });

  it("plan totals count every attached item", () => {
    expect(totalOf(100, [fixed(100), pct(50_000)])).toBe(150);
  });

  it("property: amount = max(0, base + Σ active add-ons − Σ active discounts), each percentage rounded once", () => {
    const adj = fc.oneof(
      fc.record({
        id: fc.constant("x"),
        amount: fc.integer({ min: 0, max: 100_000 }),
        percentage: fc.constant(null),
        duration: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({
        id: fc.constant("y"),
        amount: fc.constant(null),
        percentage: fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 100_000 })),
        duration: fc.integer({ min: 0, max: 5 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(adj, { maxLength: 4 }),
        fc.array(adj, { maxLength: 4 }),
        fc.integer({ min: 0, max: 8 }),
        (base, adds, offs, charged) => {
          const value = (a: Adjustment) =>
            a.amount ??
            Math.sign(base * a.percentage!) * Math.floor((Math.abs(base * a.percentage!) + 50_000) / 100_000);
          const live = (a: Adjustment) => a.duration === 0 || charged < a.duration;
          const want = Math.max(
            0,
            base +
              adds.filter(live).reduce((t, a) => t + value(a), 0) -
              offs.filter(live).reduce((t, a) => t + value(a), 0),
          );
          const got = cycleAmount(base, adds, offs, charged);
          expect(got.amount).toBe(want);
          expect(Number.isInteger(got.amount) && got.amount >= 0).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
