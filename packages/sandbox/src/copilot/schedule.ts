import { daysInMonth, type CalendarDate } from "./formats";

/**
 * Billing-plan schedule dates. timeSpan 1 daily, 2 weekly, 3 monthly, 4 yearly; `every` N periods.
 * Each date is computed from the start date (not from the previous one), so a plan starting on
 * the 31st bills on the last day of shorter months and returns to the 31st afterwards.
 */
export type Until = { kind: "C" } | { kind: "N"; payments: number } | { kind: "D"; date: CalendarDate };

export const MAX_SCHEDULES = 1000;

export function nthDate(start: CalendarDate, timeSpan: number, every: number, n: number): CalendarDate {
  const step = n * every;
  if (timeSpan === 1 || timeSpan === 2) {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + step * (timeSpan === 1 ? 1 : 7)));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const months = timeSpan === 3 ? step : step * 12;
  const zeroBased = start.month - 1 + months;
  const year = start.year + Math.floor(zeroBased / 12);
  const month = (zeroBased % 12) + 1;
  return { year, month, day: Math.min(start.day, daysInMonth(year, month)) };
}

export const cmp = (a: CalendarDate, b: CalendarDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * The plan's payment dates: for N and D all of them (at most 1000); for C (until cancelled) every
 * past one plus one year ahead of `today`.
 */
export function scheduleDates(
  start: CalendarDate,
  timeSpan: number,
  every: number,
  until: Until,
  today: CalendarDate,
): CalendarDate[] {
  const horizon = { ...today, year: today.year + 1 };
  const out: CalendarDate[] = [];
  for (let n = 0; out.length < MAX_SCHEDULES + 1; n++) {
    const d = nthDate(start, timeSpan, every, n);
    if (until.kind === "N" && n >= until.payments) break;
    if (until.kind === "D" && cmp(d, until.date) > 0) break;
    if (until.kind === "C" && cmp(d, horizon) > 0) break;
    out.push(d);
    if (until.kind !== "C" && out.length >= MAX_SCHEDULES) break;
  }
  return out;
}
