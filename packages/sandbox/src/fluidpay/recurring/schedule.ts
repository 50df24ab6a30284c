/**
 * The billing engine's own schedule math (the emulator's truth; the portal's preview module is written
 * independently and compared against this one). Dates are calendar dates "YYYY-MM-DD" in UTC, no times.
 *
 * Rules (also in docs/sandbox/gateway-recurring-invoices.md):
 * - A billing day d in 1..31 resolves to min(d, last day of the month); d = 0 is the last day of the month.
 * - monthly: after a charge on date D, the next charge is the billing day in month(D) + interval.
 * - twice_monthly: the two resolved billing days of a month are its slots (two days that resolve to the
 *   same date in a short month are one slot). A charge on D counts as the first slot on or after D in
 *   month(D) — or the month's last slot when D is past both — so a custom next_bill_date never adds a
 *   third charge to a month. The next charge is the slot after that one in month(D), else the first
 *   slot of month(D) + interval. (monthly is the one-slot case of the same rule.)
 * - daily: every `interval` days after D.
 * The first charge is on next_bill_date as given, even when that date is not a billing day.
 */

export type BillingFrequency = "monthly" | "twice_monthly" | "daily";

export interface Schedule {
  frequency: BillingFrequency;
  /** billing_cycle_interval: months between cycles (monthly, twice_monthly) or days (daily); ≥ 1. */
  interval: number;
  /** Parsed billing_days (0 = last day of month); one for monthly, two for twice_monthly, ignored for daily. */
  days: number[];
}

export interface CalendarDate {
  y: number;
  /** 1..12 */
  m: number;
  d: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(s: string): CalendarDate | undefined {
  const match = DATE_RE.exec(s);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

function mustParse(s: string): CalendarDate {
  const date = parseDate(s);
  if (!date) throw new RangeError(`not a calendar date: ${s}`);
  return date;
}

export function formatDate({ y, m, d }: CalendarDate): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Billing day → day of month: 0 and days past the month's end both mean its last day. */
export function resolveDay(y: number, m: number, day: number): number {
  const last = daysInMonth(y, m);
  return day === 0 || day > last ? last : day;
}

function addMonths(y: number, m: number, months: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = mustParse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return utcDate(t);
}

/** The resolved billing dates of one month, ascending, without duplicates. */
function monthDates(y: number, m: number, days: number[]): string[] {
  const resolved = [...new Set(days.map((day) => resolveDay(y, m, day)))].sort((a, b) => a - b);
  return resolved.map((d) => formatDate({ y, m, d }));
}

/** The date of the charge that follows a charge on `charged` (see the rules at the top). */
export function nextBillDate(charged: string, s: Schedule): string {
  const { y, m } = mustParse(charged);
  if (s.frequency === "daily") return addDays(charged, s.interval);
  const slots = monthDates(y, m, s.days);
  const standsFor = slots.find((date) => date >= charged) ?? slots[slots.length - 1];
  const later = slots.find((date) => standsFor !== undefined && date > standsFor);
  if (later) return later;
  const next = addMonths(y, m, s.interval);
  const first = monthDates(next.y, next.m, s.days)[0];
  if (!first) throw new RangeError("schedule has no billing days");
  return first;
}

/**
 * The first billing date on or after `today` when a subscription gives no next_bill_date: the nearest
 * billing day (this month or the next one); daily schedules start today.
 */
export function firstBillDateOnOrAfter(today: string, s: Schedule): string {
  if (s.frequency === "daily") return today;
  const { y, m } = mustParse(today);
  const thisMonth = monthDates(y, m, s.days.slice(0, s.frequency === "monthly" ? 1 : 2)).find((date) => date >= today);
  if (thisMonth) return thisMonth;
  const next = addMonths(y, m, 1);
  const first = monthDates(next.y, next.m, s.days)[0];
  if (!first) throw new RangeError("schedule has no billing days");
  return first;
}

/** `count` consecutive bill dates starting with `first` (which is billed as given). */
export function billDates(first: string, s: Schedule, count: number): string[] {
  const out: string[] = [];
  let date = first;
  for (let i = 0; i < count; i++) {
    out.push(date);
    date = nextBillDate(date, s);
  }
  return out;
}
