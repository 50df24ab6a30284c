import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chargesPerMonth, monthlyRecurringAmount, monthlyRecurringRevenue } from "@/lib/recurring/metrics";

const base = { billingFrequency: "monthly" as const, billingCycleInterval: 1, amount: 2000 };

describe("monthly recurring revenue", () => {
  it("normalises each frequency to a month", () => {
    expect(monthlyRecurringAmount(base)).toBe(2000);
    expect(monthlyRecurringAmount({ ...base, billingCycleInterval: 3 })).toBe(667); // 666.67
    expect(monthlyRecurringAmount({ ...base, billingCycleInterval: 12, amount: 12000 })).toBe(1000);
    expect(monthlyRecurringAmount({ ...base, billingFrequency: "twice_monthly" })).toBe(4000);
    expect(monthlyRecurringAmount({ ...base, billingFrequency: "daily", amount: 100 })).toBe(3044); // 3043.75
    expect(monthlyRecurringAmount({ ...base, billingFrequency: "daily", billingCycleInterval: 7, amount: 700 })).toBe(
      3044,
    );
  });

  it("uses the next charge's amount: active add-ons and discounts count, expired ones don't", () => {
    const sub = {
      ...base,
      addOns: [{ amount: 500, duration: 2 }],
      discounts: [{ percentage: 10000, duration: 0 }],
    };
    expect(monthlyRecurringAmount(sub)).toBe(2300);
    expect(monthlyRecurringAmount({ ...sub, cyclesCharged: 2 })).toBe(1800);
  });

  it("a finished subscription contributes nothing", () => {
    expect(monthlyRecurringAmount({ ...base, duration: 3, cyclesCharged: 3 })).toBe(0);
    expect(monthlyRecurringAmount({ ...base, duration: 3, cyclesCharged: 2 })).toBe(2000);
  });

  it("property: within half a cent of amount × charges per month, and the total is the sum of parts", () => {
    const subArb = fc.record({
      billingFrequency: fc.constantFrom("monthly" as const, "twice_monthly" as const, "daily" as const),
      billingCycleInterval: fc.integer({ min: 1, max: 24 }),
      amount: fc.integer({ min: 0, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(subArb, { maxLength: 20 }), (subs) => {
        const parts = subs.map((s) => {
          const mrr = monthlyRecurringAmount(s);
          const { numerator, denominator } = chargesPerMonth(s);
          // |mrr − amount·n/d| ≤ ½  ⇔  |2·d·mrr − 2·amount·n| ≤ d
          expect(Math.abs(2 * denominator * mrr - 2 * s.amount * numerator)).toBeLessThanOrEqual(denominator);
          return mrr;
        });
        expect(monthlyRecurringRevenue(subs)).toBe(parts.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 500 },
    );
  });
});
