import { describe, expect, it } from "vitest";
import { describeSchedule, priceSteps } from "./format";

describe("recurring display helpers", () => {
  it("shows the issue's example as two price steps", () => {
    expect(
      priceSteps({
        amount: 2000,
        addOns: [{ amount: 500, duration: 2 }],
        discounts: [{ percentage: 10_000, duration: 0 }],
      }),
    ).toEqual([
      { from: 1, to: 2, amount: 2300 },
      { from: 3, to: null, amount: 1800 },
    ]);
  });

  it("is one step without expiring adjustments", () => {
    expect(priceSteps({ amount: 999 })).toEqual([{ from: 1, to: null, amount: 999 }]);
  });

  it("describes schedules in words", () => {
    expect(describeSchedule({ billingFrequency: "monthly", billingCycleInterval: 1, billingDays: "1" })).toBe(
      "Monthly on the 1st",
    );
    expect(describeSchedule({ billingFrequency: "twice_monthly", billingCycleInterval: 2, billingDays: [15, 0] })).toBe(
      "Every 2 months, twice on the 15th and last day",
    );
    expect(describeSchedule({ billingFrequency: "daily", billingCycleInterval: 3, billingDays: "" })).toBe(
      "Every 3 days",
    );
  });
});
