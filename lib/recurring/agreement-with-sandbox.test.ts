import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth } from "@/lib/recurring/calendar-date";
import {
  type BillingFrequency,
  firstBillDateOnOrAfter,
  previewCharges,
  type SubscriptionForPreview,
} from "@/lib/recurring/schedule";
import { asPreviewSubscription } from "@/tests/fixtures/recurring";
import { cycleAmount as sandboxCycleAmount } from "@portal/sandbox/fluidpay/recurring/amounts";
import {
  billDates as sandboxBillDates,
  firstBillDateOnOrAfter as sandboxFirstBillDate,
} from "@portal/sandbox/fluidpay/recurring/schedule";

/**
 * The gateway sandbox's billing engine keeps its own schedule and amount math, written independently from
 * the same rule (docs/money.md). The subscription page's preview must agree with what the engine charges:
 * these properties compare the two pure cores over 24 cycles of random plans (all frequencies, intervals,
 * billing days including 0 and 29/30/31, durations, add-ons and discounts by amount and percentage).
 */

const dayArb = fc.oneof(fc.constantFrom(0, 1, 15, 28, 29, 30, 31), fc.integer({ min: 0, max: 31 }));
const dateArb = fc
  .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.nat(30) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(1 + (d % daysInMonth(y, m))).padStart(2, "0")}`);
const adjustmentArb = fc.oneof(
  fc.record({ amount: fc.integer({ min: 1, max: 5000 }), duration: fc.nat(30) }),
  fc.record({ percentage: fc.integer({ min: 100, max: 100000 }), duration: fc.nat(30) }),
);

const subArb = fc
  .record({
    frequency: fc.constantFrom<BillingFrequency>("monthly", "twice_monthly", "daily"),
    interval: fc.integer({ min: 1, max: 12 }),
    days: fc.uniqueArray(dayArb, { minLength: 2, maxLength: 2 }),
    nextBillDate: dateArb,
    amount: fc.integer({ min: 0, max: 500_000 }),
    duration: fc.nat(30),
    cyclesCharged: fc.nat(10),
    addOns: fc.array(adjustmentArb, { maxLength: 3 }),
    discounts: fc.array(adjustmentArb, { maxLength: 3 }),
  })
  .map(asPreviewSubscription);

function sandboxSchedule(sub: SubscriptionForPreview) {
  return {
    frequency: sub.billingFrequency,
    interval: sub.billingCycleInterval,
    days: sub.billingFrequency === "daily" ? [] : [...(sub.billingDays as number[])],
  };
}

function sandboxAdjustments(list: SubscriptionForPreview["addOns"]) {
  return (list ?? []).map((a, i) => ({
    id: `adj${i}`,
    amount: a.amount ?? null,
    percentage: a.percentage ?? null,
    duration: a.duration ?? 0,
  }));
}

describe("preview vs the sandbox billing engine", () => {
  it("property: same dates and amounts over 24 cycles", () => {
    fc.assert(
      fc.property(subArb, (sub) => {
        const preview = previewCharges(sub, 24);
        const charged = sub.cyclesCharged ?? 0;
        const n = sub.duration ? Math.max(0, Math.min(24, sub.duration - charged)) : 24;
        const dates = sandboxBillDates(sub.nextBillDate, sandboxSchedule(sub), n);
        const amounts = dates.map(
          (_, i) =>
            sandboxCycleAmount(
              sub.amount,
              sandboxAdjustments(sub.addOns),
              sandboxAdjustments(sub.discounts),
              charged + i,
            ).amount,
        );
        expect(preview.map((c) => [c.date, c.amount])).toEqual(dates.map((d, i) => [d, amounts[i]]));
      }),
      { numRuns: 1000 },
    );
  });

  it("property: same default first bill date", () => {
    fc.assert(
      fc.property(subArb, dateArb, (sub, today) => {
        expect(firstBillDateOnOrAfter(sub, today)).toBe(sandboxFirstBillDate(today, sandboxSchedule(sub)));
      }),
      { numRuns: 2000 },
    );
  });
});
