import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { billDates } from "@/lib/recurring/schedule";
import {
  activateSubscriptionSchema,
  addOnSchema,
  adjustmentFormSchema,
  discountSchema,
  fieldErrors,
  planFormSchema,
  planSchema,
  scheduleProblems,
  subscriptionFormSchema,
  subscriptionSchema,
} from "@/lib/validations/recurring";

function errorsOf(result: { success: boolean; error?: unknown }): Record<string, string[]> {
  if (result.success) return {};
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
}

const plan = {
  name: "Gold",
  amount: 2000,
  billingFrequency: "monthly",
  billingCycleInterval: 1,
  billingDays: "1",
};

describe("add-ons and discounts", () => {
  it("accept an amount or a percentage", () => {
    expect(addOnSchema.parse({ name: "Setup", amount: 500, duration: 2 })).toEqual({
      name: "Setup",
      description: "",
      amount: 500,
      duration: 2,
    });
    expect(discountSchema.parse({ name: "Loyalty", percentage: 10000 })).toMatchObject({
      percentage: 10000,
      duration: 0,
    });
    expect(discountSchema.safeParse({ name: "Min", percentage: 100 }).success).toBe(true);
    expect(discountSchema.safeParse({ name: "Max", percentage: 100000 }).success).toBe(true);
  });

  it("field error for both an amount and a percentage", () => {
    const e = errorsOf(addOnSchema.safeParse({ name: "X", amount: 500, percentage: 10000 }));
    expect(e.amount?.[0]).toMatch(/not both/);
    expect(e.percentage?.[0]).toMatch(/not both/);
  });

  it("field error for neither", () => {
    expect(errorsOf(addOnSchema.safeParse({ name: "X" })).amount?.[0]).toMatch(/amount or a percentage/);
  });

  it.each([50, 99, 100001, 0])("field error for percentage %i (outside 0.1%%..100%%)", (percentage) => {
    expect(errorsOf(discountSchema.safeParse({ name: "X", percentage })).percentage?.[0]).toMatch(/0\.1% and 100%/);
  });

  it("field errors for fractional cents, negative durations and a missing name", () => {
    const e = errorsOf(addOnSchema.safeParse({ name: " ", amount: 10.5, duration: -1 }));
    expect(Object.keys(e).sort()).toEqual(["amount", "duration", "name"]);
  });

  it("form: percentage 0.05% gets a field error; '10' is 10%; '$5' is 500 cents", () => {
    const bad = adjustmentFormSchema.safeParse({ name: "X", percentage: "0.05", duration: "0" });
    expect(errorsOf(bad).percentage?.[0]).toMatch(/0\.1% and 100%/);
    expect(adjustmentFormSchema.parse({ name: "X", percentage: "10", duration: "" })).toMatchObject({
      amount: null,
      percentage: 10000,
      duration: 0,
    });
    expect(adjustmentFormSchema.parse({ name: "X", amount: "$5", duration: "2" })).toMatchObject({
      amount: 500,
      percentage: null,
      duration: 2,
    });
  });

  it("form: both amount and percentage typed → errors on both fields; text that isn't money → error on amount", () => {
    const both = errorsOf(adjustmentFormSchema.safeParse({ name: "X", amount: "5", percentage: "10" }));
    expect(both.amount).toBeDefined();
    expect(both.percentage).toBeDefined();
    expect(errorsOf(adjustmentFormSchema.safeParse({ name: "X", amount: "5.001" })).amount?.[0]).toMatch(/decimal/);
    expect(errorsOf(adjustmentFormSchema.safeParse({ name: "X", amount: "1e3" })).amount).toBeDefined();
    expect(errorsOf(adjustmentFormSchema.safeParse({ name: "X", percentage: "1.2345" })).percentage).toBeDefined();
  });
});

describe("plans and schedules", () => {
  it("normalises billing days to numbers", () => {
    expect(planSchema.parse({ ...plan, billingDays: " 0 " }).billingDays).toEqual([0]);
    expect(planSchema.parse({ ...plan, billingFrequency: "twice_monthly", billingDays: "1, 15" }).billingDays).toEqual([
      1, 15,
    ]);
    expect(planSchema.parse({ ...plan, billingFrequency: "daily", billingDays: "" }).billingDays).toEqual([]);
    expect(planSchema.parse({ ...plan, billingDays: [31] }).billingDays).toEqual([31]);
  });

  it.each([
    [{ billingDays: "32" }, "billingDays", /1 to 31/],
    [{ billingDays: "-1" }, "billingDays", /numbers/],
    [{ billingDays: "first" }, "billingDays", /numbers/],
    [{ billingDays: "1,15" }, "billingDays", /exactly one day/],
    [{ billingFrequency: "twice_monthly", billingDays: "1" }, "billingDays", /exactly two days/],
    [{ billingFrequency: "twice_monthly", billingDays: "15,15" }, "billingDays", /different/],
    [{ billingFrequency: "twice_monthly", billingDays: "0,31" }, "billingDays", /different/],
    [{ billingCycleInterval: 0 }, "billingCycleInterval", /1 or more/],
    [{ billingCycleInterval: 1.5 }, "billingCycleInterval", /whole number/],
    [{ billingFrequency: "weekly" }, "billingFrequency", /monthly/],
    [{ amount: -1 }, "amount", /negative/],
    [{ amount: 19.99 }, "amount", /whole cents/],
    [{ duration: -2 }, "duration", /cycles/],
    [{ name: "" }, "name", /name/],
  ])("field error for %j", (patch, field, message) => {
    const e = errorsOf(planSchema.safeParse({ ...plan, ...patch }));
    expect(e[field]?.[0]).toMatch(message);
  });

  it("attached add-ons keep their overrides and report errors with their index", () => {
    const parsed = planSchema.parse({ ...plan, addOns: [{ id: "a1", amount: 700, duration: 3 }] });
    expect(parsed.addOns).toEqual([{ id: "a1", amount: 700, duration: 3 }]);
    expect(parsed.discounts).toEqual([]);
    const e = errorsOf(planSchema.safeParse({ ...plan, discounts: [{ id: "d1" }, { id: "", amount: -5 }] }));
    expect(Object.keys(e).sort()).toEqual(["discounts.1.amount", "discounts.1.id"]);
  });

  it("attached overrides: amount or percentage, not both, percentage within bounds", () => {
    expect(planSchema.safeParse({ ...plan, addOns: [{ id: "a1", percentage: 5000 }] }).success).toBe(true);
    const both = errorsOf(planSchema.safeParse({ ...plan, addOns: [{ id: "a1", amount: 100, percentage: 5000 }] }));
    expect(both["addOns.0.percentage"]?.[0]).toMatch(/not both/);
    const low = errorsOf(planSchema.safeParse({ ...plan, discounts: [{ id: "d1", percentage: 50 }] }));
    expect(low["discounts.0.percentage"]?.[0]).toMatch(/0\.1% and 100%/);
  });

  it("form: text fields become a typed plan; billing day 32 and a lone twice-monthly day are field errors", () => {
    const form = { name: "Gold", amount: "20.00", billingFrequency: "monthly", billingCycleInterval: "1" };
    expect(planFormSchema.parse({ ...form, billingDays: "0", duration: "" })).toMatchObject({
      amount: 2000,
      billingCycleInterval: 1,
      billingDays: [0],
      duration: 0,
      addOns: [],
    });
    expect(errorsOf(planFormSchema.safeParse({ ...form, billingDays: "32" })).billingDays).toBeDefined();
    expect(
      errorsOf(planFormSchema.safeParse({ ...form, billingFrequency: "twice_monthly", billingDays: "1" })).billingDays,
    ).toBeDefined();
    expect(errorsOf(planFormSchema.safeParse({ ...form, amount: "", billingDays: "1" })).amount).toBeDefined();
    expect(
      errorsOf(planFormSchema.safeParse({ ...form, billingCycleInterval: "two", billingDays: "1" }))
        .billingCycleInterval,
    ).toBeDefined();
  });

  it("property: whatever the schema accepts, the schedule module can bill", () => {
    const arb = fc.record({
      billingFrequency: fc.constantFrom("monthly", "twice_monthly", "daily", "yearly"),
      billingCycleInterval: fc.integer({ min: -2, max: 40 }),
      billingDays: fc.oneof(
        fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 3 }).map((d) => d.join(",")),
        fc.string({ maxLength: 6 }),
      ),
    });
    fc.assert(
      fc.property(arb, (input) => {
        const r = planSchema.safeParse({ ...plan, ...input });
        if (r.success) {
          expect(billDates(r.data, "2027-01-31", 6)).toHaveLength(6);
        } else {
          expect(Object.keys(fieldErrors(r.error)).length).toBeGreaterThan(0);
          if (input.billingFrequency !== "yearly" && scheduleProblems({ ...input } as never).length > 0) {
            expect(Object.keys(fieldErrors(r.error)).some((k) => k.startsWith("billing"))).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("subscriptions", () => {
  const sub = { ...plan, customer: { id: "cust_1" }, nextBillDate: "2027-02-28" };

  it("accepts a custom subscription and one from a plan", () => {
    expect(subscriptionSchema.parse(sub)).toMatchObject({ nextBillDate: "2027-02-28", billingDays: [1] });
    expect(subscriptionSchema.parse({ ...sub, planId: "p1", name: undefined }).planId).toBe("p1");
  });

  it("field errors for an impossible next bill date and a payment method type without a method", () => {
    const e = errorsOf(
      subscriptionSchema.safeParse({
        ...sub,
        nextBillDate: "2027-02-29",
        customer: { id: "c", paymentMethodType: "card" },
      }),
    );
    expect(e.nextBillDate?.[0]).toMatch(/YYYY-MM-DD/);
    expect(e["customer.paymentMethodId"]?.[0]).toMatch(/payment method/);
  });

  it("form: from text to a typed subscription", () => {
    const parsed = subscriptionFormSchema.parse({
      planId: " ",
      customer: { id: "cust_1", paymentMethodType: "ach", paymentMethodId: "pm_1" },
      amount: "$18.00",
      billingFrequency: "twice_monthly",
      billingCycleInterval: "1",
      billingDays: "1,15",
      nextBillDate: "2027-03-01",
    });
    expect(parsed).toMatchObject({ planId: undefined, amount: 1800, billingDays: [1, 15], duration: 0 });
  });

  it("activate takes an optional valid date", () => {
    expect(activateSubscriptionSchema.safeParse({}).success).toBe(true);
    expect(activateSubscriptionSchema.safeParse({ nextBillDate: "2027-04-31" }).success).toBe(false);
  });
});
