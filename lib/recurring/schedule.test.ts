import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, isIsoDate } from "@/lib/recurring/calendar-date";
import {
  billDateAfter,
  billDates,
  type BillingFrequency,
  firstBillDateOnOrAfter,
  parseBillingDays,
  previewCharges,
  type SubscriptionForPreview,
} from "@/lib/recurring/schedule";
import { asPreviewSubscription } from "@/tests/fixtures/recurring";

const acceptancePlan = {
  amount: 2000,
  billingFrequency: "monthly" as const,
  billingCycleInterval: 1,
  billingDays: "1",
  addOns: [{ id: "a1", amount: 500, duration: 2 }],
  discounts: [{ id: "d1", percentage: 10000, duration: 0 }],
};

function monthIndex(date: string): number {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return y * 12 + m - 1;
}

function dayOf(date: string): number {
  return Number(date.slice(8));
}

/** Independent of the module: day 0 = last day, larger days clamp to the last day (UTC month arithmetic). */
function refClamp(day: number, year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day === 0 ? last : Math.min(day, last);
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

describe("previewCharges: examples", () => {
  it("acceptance: $20 monthly + $5 add-on for 2 cycles + 10% discount forever → 2300, 2300, 1800", () => {
    const charges = previewCharges({ ...acceptancePlan, nextBillDate: "2027-02-01" }, 3);
    expect(charges.map((c) => [c.date, c.cycle, c.amount])).toEqual([
      ["2027-02-01", 1, 2300],
      ["2027-03-01", 2, 2300],
      ["2027-04-01", 3, 1800],
    ]);
    expect(charges[0]!.addOns).toEqual([{ id: "a1", amount: 500 }]);
    expect(charges[0]!.discounts).toEqual([{ id: "d1", amount: 200 }]);
    expect(charges[2]!.addOns).toEqual([]);
  });

  it("resumes after charged cycles: the add-on has one cycle left", () => {
    const charges = previewCharges({ ...acceptancePlan, nextBillDate: "2027-03-01", cyclesCharged: 1 }, 3);
    expect(charges.map((c) => [c.date, c.cycle, c.amount])).toEqual([
      ["2027-03-01", 2, 2300],
      ["2027-04-01", 3, 1800],
      ["2027-05-01", 4, 1800],
    ]);
  });

  it('acceptance: day "0" from Jan 31 → Feb 28 (or 29 in a leap year), Mar 31, Apr 30', () => {
    const schedule = { billingFrequency: "monthly" as const, billingCycleInterval: 1, billingDays: "0" };
    expect(billDates(schedule, "2027-01-31", 4)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(billDates(schedule, "2028-01-31", 4)).toEqual(["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"]);
  });

  it("29/30/31 clamp to the month's last day and come back in longer months", () => {
    const s = (day: number) => ({ billingFrequency: "monthly" as const, billingCycleInterval: 1, billingDays: [day] });
    expect(billDates(s(31), "2027-01-31", 5)).toEqual([
      "2027-01-31",
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
      "2027-05-31",
    ]);
    expect(billDates(s(30), "2027-01-30", 3)).toEqual(["2027-01-30", "2027-02-28", "2027-03-30"]);
    expect(billDates(s(29), "2028-01-29", 3)).toEqual(["2028-01-29", "2028-02-29", "2028-03-29"]);
    expect(billDates(s(29), "2027-01-29", 3)).toEqual(["2027-01-29", "2027-02-28", "2027-03-29"]);
  });

  it("a first bill date off the billing day stands for that month's charge", () => {
    const s = { billingFrequency: "monthly" as const, billingCycleInterval: 1, billingDays: "15" };
    expect(billDates(s, "2027-01-10", 3)).toEqual(["2027-01-10", "2027-02-15", "2027-03-15"]);
    expect(billDates(s, "2027-01-20", 3)).toEqual(["2027-01-20", "2027-02-15", "2027-03-15"]);
    expect(billDates({ ...s, billingDays: "0" }, "2027-01-30", 2)).toEqual(["2027-01-30", "2027-02-28"]);
  });

  it("every N months", () => {
    const s = { billingFrequency: "monthly" as const, billingCycleInterval: 3, billingDays: "0" };
    expect(billDates(s, "2027-01-31", 4)).toEqual(["2027-01-31", "2027-04-30", "2027-07-31", "2027-10-31"]);
    const yearly = { billingFrequency: "monthly" as const, billingCycleInterval: 12, billingDays: "29" };
    expect(billDates(yearly, "2028-02-29", 3)).toEqual(["2028-02-29", "2029-02-28", "2030-02-28"]);
  });

  it("twice monthly: two days per cycle month, in order, whatever order they are given in", () => {
    const s = { billingFrequency: "twice_monthly" as const, billingCycleInterval: 1, billingDays: "15, 1" };
    expect(billDates(s, "2027-01-01", 5)).toEqual([
      "2027-01-01",
      "2027-01-15",
      "2027-02-01",
      "2027-02-15",
      "2027-03-01",
    ]);
    expect(billDates(s, "2027-01-10", 3)).toEqual(["2027-01-10", "2027-02-01", "2027-02-15"]);
    expect(billDates(s, "2027-01-20", 3)).toEqual(["2027-01-20", "2027-02-01", "2027-02-15"]);
    const midAndLast = { billingFrequency: "twice_monthly" as const, billingCycleInterval: 2, billingDays: "15,0" };
    expect(billDates(midAndLast, "2027-01-15", 5)).toEqual([
      "2027-01-15",
      "2027-01-31",
      "2027-03-15",
      "2027-03-31",
      "2027-05-15",
    ]);
  });

  it("twice monthly days that clamp to the same date bill once in that month", () => {
    const s = { billingFrequency: "twice_monthly" as const, billingCycleInterval: 1, billingDays: [30, 31] };
    expect(billDates(s, "2027-01-30", 5)).toEqual([
      "2027-01-30",
      "2027-01-31",
      "2027-02-28",
      "2027-03-30",
      "2027-03-31",
    ]);
  });

  it("daily: every N days across month, year and leap-day boundaries", () => {
    const s = { billingFrequency: "daily" as const, billingCycleInterval: 3, billingDays: "" };
    expect(billDates(s, "2027-12-28", 3)).toEqual(["2027-12-28", "2027-12-31", "2028-01-03"]);
    expect(billDates({ ...s, billingCycleInterval: 1 }, "2028-02-28", 3)).toEqual([
      "2028-02-28",
      "2028-02-29",
      "2028-03-01",
    ]);
  });

  it("duration counts all charges; 0 runs until cancelled", () => {
    const sub: SubscriptionForPreview = { ...acceptancePlan, nextBillDate: "2027-01-01", duration: 3 };
    expect(previewCharges(sub, 12)).toHaveLength(3);
    expect(previewCharges({ ...sub, cyclesCharged: 2 }, 12).map((c) => c.cycle)).toEqual([3]);
    expect(previewCharges({ ...sub, cyclesCharged: 3 }, 12)).toEqual([]);
    expect(previewCharges({ ...sub, cyclesCharged: 5 }, 12)).toEqual([]);
    expect(previewCharges({ ...sub, duration: 0 }, 12)).toHaveLength(12);
    expect(previewCharges({ ...sub, duration: 0 }, 0)).toEqual([]);
  });

  it("default first bill date: the nearest billing day on or after today", () => {
    const monthly = { billingFrequency: "monthly" as const, billingCycleInterval: 1, billingDays: "15" };
    expect(firstBillDateOnOrAfter(monthly, "2027-01-10")).toBe("2027-01-15");
    expect(firstBillDateOnOrAfter(monthly, "2027-01-15")).toBe("2027-01-15");
    expect(firstBillDateOnOrAfter(monthly, "2027-01-16")).toBe("2027-02-15");
    expect(firstBillDateOnOrAfter({ ...monthly, billingDays: "31" }, "2027-02-01")).toBe("2027-02-28");
    const twice = { billingFrequency: "twice_monthly" as const, billingCycleInterval: 1, billingDays: "1,0" };
    expect(firstBillDateOnOrAfter(twice, "2027-04-02")).toBe("2027-04-30");
    expect(firstBillDateOnOrAfter({ ...monthly, billingFrequency: "daily" }, "2027-04-02")).toBe("2027-04-02");
  });

  it("rejects schedules the gateway would refuse", () => {
    const base = { billingFrequency: "monthly" as const, billingCycleInterval: 1, billingDays: "1" };
    expect(() => billDates({ ...base, billingDays: "32" }, "2027-01-01", 1)).toThrow(RangeError);
    expect(() => billDates({ ...base, billingDays: "1,15" }, "2027-01-01", 1)).toThrow(RangeError);
    expect(() => billDates({ ...base, billingFrequency: "twice_monthly" }, "2027-01-01", 1)).toThrow(RangeError);
    expect(() => billDates({ ...base, billingCycleInterval: 0 }, "2027-01-01", 1)).toThrow(RangeError);
    expect(() => billDates(base, "2027-02-30", 1)).toThrow(RangeError);
    expect(() => previewCharges({ ...acceptancePlan, nextBillDate: "2027-01-01" }, -1)).toThrow(RangeError);
    expect(() => parseBillingDays("1;15")).toThrow(RangeError);
    expect(parseBillingDays(" 1, 15 ")).toEqual([1, 15]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over random plans: all frequencies, intervals, billing days including 0 and 29/30/31.

const dayArb = fc.oneof(fc.constantFrom(0, 28, 29, 30, 31), fc.integer({ min: 0, max: 31 }));
const dateArb = fc
  .record({
    y: fc.integer({ min: 1999, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  });
const adjustmentArb = fc.record({
  amount: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
  duration: fc.integer({ min: 0, max: 30 }),
});
const subArb: fc.Arbitrary<SubscriptionForPreview> = fc
  .record({
    frequency: fc.constantFrom<BillingFrequency>("monthly", "twice_monthly", "daily"),
    interval: fc.integer({ min: 1, max: 12 }),
    days: fc.uniqueArray(dayArb, { minLength: 2, maxLength: 2 }).filter(([a, b]) => !(a! + b! === 31 && a! * b! === 0)),
    nextBillDate: dateArb,
    amount: fc.integer({ min: 0, max: 1_000_000 }),
    duration: fc.integer({ min: 0, max: 40 }),
    cyclesCharged: fc.integer({ min: 0, max: 20 }),
    addOns: fc.array(
      fc.oneof(adjustmentArb, fc.record({ percentage: fc.integer({ min: 100, max: 100000 }), duration: fc.nat(30) })),
      { maxLength: 3 },
    ),
    discounts: fc.array(
      fc.oneof(adjustmentArb, fc.record({ percentage: fc.integer({ min: 100, max: 100000 }), duration: fc.nat(30) })),
      { maxLength: 3 },
    ),
  })
  .map(asPreviewSubscription);

describe("previewCharges: properties", () => {
  it("dates are valid, strictly increasing, start at next_bill_date and fall on clamped billing days", () => {
    fc.assert(
      fc.property(subArb, (sub) => {
        const dates = billDates(sub, sub.nextBillDate, 24);
        const broken: string[] = [];
        const check = (ok: boolean, what: string) => {
          if (!ok) broken.push(what);
        };
        check(dates[0] === sub.nextBillDate, "first charge is not next_bill_date");
        const days = sub.billingDays as number[];
        const first = monthIndex(dates[0]!);
        for (let i = 0; i < dates.length; i++) {
          const d = dates[i]!;
          check(isIsoDate(d), `${d} is not a date`);
          if (i > 0) check(d > dates[i - 1]!, `${d} does not follow ${dates[i - 1]}`);
          if (sub.billingFrequency === "daily") {
            if (i > 0) check(daysBetween(dates[i - 1]!, d) === sub.billingCycleInterval, `${d}: wrong day step`);
            continue;
          }
          const [y, m] = d.split("-").map(Number) as [number, number];
          // a cycle month: a whole number of intervals after the first charge's month
          check((monthIndex(d) - first) % sub.billingCycleInterval === 0, `${d} is outside a cycle month`);
          if (i > 0) {
            check(
              days.some((day) => refClamp(day, y, m) === dayOf(d)),
              `${d} is not a (clamped) billing day of ${JSON.stringify(days)}`,
            );
            const gap = monthIndex(d) - monthIndex(dates[i - 1]!);
            check(gap === 0 || gap === sub.billingCycleInterval, `${d}: skipped a cycle`);
          }
        }
        // at most one charge per cycle month for monthly, two for twice monthly
        const perMonth = new Map<number, number>();
        for (const d of dates) perMonth.set(monthIndex(d), (perMonth.get(monthIndex(d)) ?? 0) + 1);
        const max = { monthly: 1, twice_monthly: 2, daily: 31 }[sub.billingFrequency];
        check(
          [...perMonth.values()].every((n) => n <= max),
          "too many charges in one month",
        );
        expect(broken).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("the sandbox engine stepping one charge at a time agrees with the preview (dates and amounts)", () => {
    fc.assert(
      fc.property(subArb, fc.integer({ min: 1, max: 24 }), (sub, k) => {
        const preview = previewCharges(sub, 24);
        // the engine: charge, then next_bill_date := billDateAfter(...), cycles charged + 1
        let state = { ...sub };
        const charged: typeof preview = [];
        for (let i = 0; i < k && previewCharges(state, 1).length === 1; i++) {
          const [next] = previewCharges(state, 1);
          charged.push(next!);
          state = {
            ...state,
            nextBillDate: billDateAfter(state, state.nextBillDate),
            cyclesCharged: (state.cyclesCharged ?? 0) + 1,
          };
        }
        expect(charged).toEqual(preview.slice(0, charged.length));
        expect(previewCharges(state, 24 - charged.length)).toEqual(preview.slice(charged.length));
      }),
      { numRuns: 500 },
    );
  });

  it("durations are respected: charges, add-ons and discounts stop after their cycles", () => {
    fc.assert(
      fc.property(subArb, (sub) => {
        const charges = previewCharges(sub, 24);
        const charged = sub.cyclesCharged ?? 0;
        const remaining = sub.duration ? Math.max(0, sub.duration - charged) : Infinity;
        expect(charges.length).toBe(Math.min(24, remaining));
        const broken: string[] = [];
        charges.forEach((c, i) => {
          if (c.cycle !== charged + i + 1) broken.push(`cycle ${c.cycle} at ${i}`);
          const active = (list: typeof sub.addOns) =>
            (list ?? []).filter((a) => !a.duration || charged + i < a.duration).length;
          if (c.addOns.length !== active(sub.addOns)) broken.push(`add-ons at charge ${i}`);
          if (c.discounts.length !== active(sub.discounts)) broken.push(`discounts at charge ${i}`);
          const expected = Math.max(
            0,
            sub.amount + c.addOns.reduce((s, a) => s + a.amount, 0) - c.discounts.reduce((s, a) => s + a.amount, 0),
          );
          if (c.amount !== expected || c.amount < 0 || !Number.isInteger(c.amount)) broken.push(`amount at ${i}`);
        });
        expect(broken).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
