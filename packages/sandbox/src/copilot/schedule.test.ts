import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cmp, nthDate, scheduleDates } from "./schedule";

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe("billing plan schedules", () => {
  it("bills monthly on the start day, clamped to short months", () => {
    const dates = scheduleDates(d(2026, 1, 31), 3, 1, { kind: "N", payments: 4 }, d(2026, 1, 1));
    expect(dates).toEqual([d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31), d(2026, 4, 30)]);
  });

  it("steps daily, weekly (every other week) and yearly across leap days", () => {
    expect(nthDate(d(2026, 12, 31), 1, 1, 1)).toEqual(d(2027, 1, 1));
    expect(nthDate(d(2026, 3, 2), 2, 2, 1)).toEqual(d(2026, 3, 16));
    expect(nthDate(d(2024, 2, 29), 4, 1, 1)).toEqual(d(2025, 2, 28));
    expect(nthDate(d(2024, 2, 29), 4, 1, 4)).toEqual(d(2028, 2, 29));
  });

  it("ends on the until date, inclusive", () => {
    const dates = scheduleDates(d(2026, 1, 1), 2, 1, { kind: "D", date: d(2026, 1, 29) }, d(2026, 1, 1));
    expect(dates.at(-1)).toEqual(d(2026, 1, 29));
    expect(dates).toHaveLength(5);
  });

  it("shows one year ahead for until-cancelled plans and caps the others at 1000", () => {
    const c = scheduleDates(d(2026, 1, 15), 3, 1, { kind: "C" }, d(2026, 6, 1));
    expect(c.at(-1)).toEqual(d(2027, 5, 15));
    expect(scheduleDates(d(2026, 1, 1), 1, 1, { kind: "N", payments: 5000 }, d(2026, 1, 1))).toHaveLength(1000);
  });

  it("produces strictly increasing dates for any plan", () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 2000, max: 2040 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 60 }),
        (start, span, every, n) => {
          const dates = scheduleDates(start, span, every, { kind: "N", payments: n }, start);
          expect(dates).toHaveLength(n);
          for (let i = 1; i < dates.length; i++) expect(cmp(dates[i - 1]!, dates[i]!)).toBeLessThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
