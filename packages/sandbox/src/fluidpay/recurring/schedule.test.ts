import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  billDates,
  daysInMonth,
  firstBillDateOnOrAfter,
  nextBillDate,
  parseDate,
  resolveDay,
  type Schedule,
} from "./schedule";

const monthly = (day: number, interval = 1): Schedule => ({ frequency: "monthly", interval, days: [day] });
const twice = (a: number, b: number, interval = 1): Schedule => ({
  frequency: "twice_monthly",
  interval,
  days: [a, b],
});

describe("schedule math", () => {
  it('bills day "0" on the last day of each month from January 31 (leap and non-leap)', () => {
    expect(billDates("2027-01-31", monthly(0), 4)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(billDates("2028-01-31", monthly(0), 3)).toEqual(["2028-01-31", "2028-02-29", "2028-03-31"]);
  });

  it("clamps day 31/30/29 to short months without drifting afterwards", () => {
    expect(billDates("2027-01-31", monthly(31), 4)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(billDates("2027-01-30", monthly(30), 3)).toEqual(["2027-01-30", "2027-02-28", "2027-03-30"]);
    expect(billDates("2027-01-29", monthly(29), 3)).toEqual(["2027-01-29", "2027-02-28", "2027-03-29"]);
  });

  it("skips interval months", () => {
    expect(billDates("2027-01-15", monthly(15, 3), 3)).toEqual(["2027-01-15", "2027-04-15", "2027-07-15"]);
    expect(billDates("2027-11-10", monthly(10, 2), 3)).toEqual(["2027-11-10", "2028-01-10", "2028-03-10"]);
  });

  it("bills twice a month on both days, then jumps by the interval", () => {
    expect(billDates("2027-01-01", twice(1, 15), 5)).toEqual([
      "2027-01-01",
      "2027-01-15",
      "2027-02-01",
      "2027-02-15",
      "2027-03-01",
    ]);
    expect(billDates("2027-01-15", twice(15, 0, 2), 4)).toEqual([
      "2027-01-15",
      "2027-01-31",
      "2027-03-15",
      "2027-03-31",
    ]);
  });

  it("treats two days that clamp to one date as one slot (30 and 0 in February)", () => {
    expect(billDates("2027-01-30", twice(30, 0), 4)).toEqual(["2027-01-30", "2027-01-31", "2027-02-28", "2027-03-30"]);
  });

  it("a custom first date stands for the next slot, so a month never gets three charges", () => {
    expect(billDates("2027-01-05", twice(10, 20), 3)).toEqual(["2027-01-05", "2027-01-20", "2027-02-10"]);
    expect(billDates("2027-01-25", twice(10, 20), 2)).toEqual(["2027-01-25", "2027-02-10"]);
    expect(nextBillDate("2027-01-10", monthly(15))).toBe("2027-02-15");
  });

  it("daily bills every interval days across month and year ends", () => {
    expect(billDates("2027-12-30", { frequency: "daily", interval: 1, days: [] }, 4)).toEqual([
      "2027-12-30",
      "2027-12-31",
      "2028-01-01",
      "2028-01-02",
    ]);
    expect(nextBillDate("2028-02-27", { frequency: "daily", interval: 3, days: [] })).toBe("2028-03-01");
  });

  it("picks the first billing date on or after today when none is given", () => {
    expect(firstBillDateOnOrAfter("2027-02-10", monthly(15))).toBe("2027-02-15");
    expect(firstBillDateOnOrAfter("2027-02-16", monthly(15))).toBe("2027-03-15");
    expect(firstBillDateOnOrAfter("2027-02-16", monthly(0))).toBe("2027-02-28");
    expect(firstBillDateOnOrAfter("2027-02-16", twice(1, 15))).toBe("2027-03-01");
    expect(firstBillDateOnOrAfter("2027-02-16", { frequency: "daily", interval: 5, days: [] })).toBe("2027-02-16");
  });

  it("parses only real calendar dates", () => {
    expect(parseDate("2027-02-29")).toBeUndefined();
    expect(parseDate("2028-02-29")).toEqual({ y: 2028, m: 2, d: 29 });
    expect(parseDate("2027-13-01")).toBeUndefined();
    expect(parseDate("27-1-1")).toBeUndefined();
  });

  const schedules = fc.oneof(
    fc.record({
      frequency: fc.constant("monthly" as const),
      interval: fc.integer({ min: 1, max: 12 }),
      days: fc.tuple(fc.integer({ min: 0, max: 31 })).map((t) => [...t]),
    }),
    fc.record({
      frequency: fc.constant("twice_monthly" as const),
      interval: fc.integer({ min: 1, max: 6 }),
      days: fc
        .tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 }))
        .filter(([a, b]) => a !== b)
        .map((t) => [...t]),
    }),
    fc.record({
      frequency: fc.constant("daily" as const),
      interval: fc.integer({ min: 1, max: 45 }),
      days: fc.constant<number[]>([]),
    }),
  );
  const starts = fc
    .record({
      y: fc.integer({ min: 2024, max: 2030 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(
      ({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(Math.min(d, daysInMonth(y, m))).padStart(2, "0")}`,
    );

  it("property: 24 dates strictly increase, land on resolved billing days, and respect the interval", () => {
    fc.assert(
      fc.property(schedules, starts, (s, start) => {
        const dates = billDates(start, s, 24);
        for (let i = 1; i < dates.length; i++) {
          const prev = dates[i - 1] as string;
          const cur = dates[i] as string;
          expect(cur > prev).toBe(true);
          const p = parseDate(prev)!;
          const c = parseDate(cur)!;
          if (s.frequency === "daily") {
            expect((Date.UTC(c.y, c.m - 1, c.d) - Date.UTC(p.y, p.m - 1, p.d)) / 86_400_000).toBe(s.interval);
            continue;
          }
          // Every date after the first is one of the month's resolved billing days.
          expect(s.days.map((d) => resolveDay(c.y, c.m, d))).toContain(c.d);
          const monthGap = c.y * 12 + c.m - (p.y * 12 + p.m);
          expect(monthGap === 0 || monthGap === s.interval).toBe(true);
          if (s.frequency === "monthly") expect(monthGap).toBe(s.interval);
        }
        if (s.frequency !== "daily") {
          // At most one (monthly) or two (twice_monthly) charges in any calendar month.
          const perMonth = new Map<string, number>();
          for (const d of dates) perMonth.set(d.slice(0, 7), (perMonth.get(d.slice(0, 7)) ?? 0) + 1);
          const max = Math.max(...perMonth.values());
          expect(max).toBeLessThanOrEqual(s.frequency === "monthly" ? 1 : 2);
        }
      }),
      { numRuns: 800 },
    );
  });
});
