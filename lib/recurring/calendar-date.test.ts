import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addCalendarMonths,
  type CalendarDate,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  parseIsoDate,
  toDayNumber,
} from "@/lib/recurring/calendar-date";
import { billDates } from "@/lib/recurring/schedule";

/** The JS engine's own proleptic Gregorian UTC calendar, as an independent reference. */
function utcDayNumber({ year, month, day }: CalendarDate): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / 86_400_000);
}

const dateArb = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.nat(30) })
  .map(({ year, month, day }) => ({ year, month, day: 1 + (day % daysInMonth(year, month)) }));

describe("calendar dates", () => {
  it("parses and validates YYYY-MM-DD", () => {
    expect(parseIsoDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2027-13-01")).toBe(false);
    expect(isIsoDate("2027-1-01")).toBe(false);
    expect(isIsoDate("2027-01-01T00:00:00Z")).toBe(false);
    expect(() => parseIsoDate("2027-04-31")).toThrow(RangeError);
    expect(formatIsoDate({ year: 33, month: 1, day: 2 })).toBe("0033-01-02");
  });

  it("property: day numbers agree with the UTC calendar and round trip", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1000, max: 1000 }), (date, delta) => {
        expect(toDayNumber(date)).toBe(utcDayNumber(date));
        expect(fromDayNumber(toDayNumber(date))).toEqual(date);
        const moved = addCalendarDays(date, delta);
        expect(toDayNumber(moved) - toDayNumber(date)).toBe(delta);
        expect(isIsoDate(formatIsoDate(moved)) || moved.year < 1 || moved.year > 9999).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("property: days in month match the UTC calendar; months add across years", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (date, months) => {
        const next = new Date(0);
        next.setUTCFullYear(date.year, date.month, 0);
        expect(daysInMonth(date.year, date.month)).toBe(next.getUTCDate());
        const m = addCalendarMonths(date, months);
        expect((m.year - date.year) * 12 + (m.month - date.month)).toBe(months);
        expect(m.day).toBe(1);
      }),
    );
  });
});

describe("independent of the process time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(["Pacific/Apia", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Kiritimati", "UTC"])(
    "daily and monthly schedules are the same in %s (Samoa skipped 2011-12-30 locally)",
    (tz) => {
      process.env.TZ = tz;
      const daily = { billingFrequency: "daily" as const, billingCycleInterval: 1, billingDays: "" };
      expect(billDates(daily, "2011-12-28", 5)).toEqual([
        "2011-12-28",
        "2011-12-29",
        "2011-12-30",
        "2011-12-31",
        "2012-01-01",
      ]);
      const monthly = { billingFrequency: "monthly" as const, billingCycleInterval: 1, billingDays: "0" };
      expect(billDates(monthly, "2018-10-31", 3)).toEqual(["2018-10-31", "2018-11-30", "2018-12-31"]);
    },
  );
});
