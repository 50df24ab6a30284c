/**
 * When a gateway subscription charges, and how much: the preview on the subscription page and the sandbox's
 * billing engine both step through `billDateAfter`, so they cannot disagree.
 *
 * Schedule rule (also in docs/money.md):
 *   - The first upcoming charge is on `next_bill_date`, whatever day that is.
 *   - monthly / twice_monthly: the billing days of a month are its "slots"; "0" is the month's last day and
 *     29/30/31 clamp to the last day of shorter months (slots that clamp to the same date are one slot).
 *     A charge on date D stands for the first slot on or after D in D's month (or the month's last slot when
 *     D is past all of them). The next charge is the following slot in that month, else the first slot of the
 *     month `billing_cycle_interval` months later. So monthly bills once per cycle month and twice_monthly at
 *     most twice.
 *   - daily: every `billing_cycle_interval` days; billing days are ignored.
 *   - `duration` counts charges in total (0 = until cancelled); `cyclesCharged` of them already happened.
 *   - Each charge's amount comes from lib/totals.ts `computeCycleAmount`, with add-ons and discounts active
 *     while their own charged count is below their duration.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  type CalendarDate,
  daysInMonth,
  formatIsoDate,
  parseIsoDate,
} from "@/lib/recurring/calendar-date";
import type { Cents } from "@/lib/money";
import { type AppliedAdjustment, computeCycleAmount, type RecurringPricing } from "@/lib/recurring/cycle-amount";

export const BILLING_FREQUENCIES = ["monthly", "twice_monthly", "daily"] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

export interface BillingSchedule {
  billingFrequency: BillingFrequency;
  /** Months between cycles (monthly, twice_monthly) or days between charges (daily); ≥ 1. */
  billingCycleInterval: number;
  /** Days of the month: [day] for monthly, [day, day] for twice_monthly; 0 = last day. A "1,15" string works. */
  billingDays: readonly number[] | string;
}

export interface SubscriptionForPreview extends BillingSchedule, RecurringPricing {
  /** "YYYY-MM-DD": the date of the next charge. */
  nextBillDate: string;
  /** Total number of charges; 0 = until cancelled. */
  duration?: number;
}

export interface PreviewCharge {
  date: string;
  /** 1-based number of this charge over the subscription's life. */
  cycle: number;
  amount: Cents;
  addOns: AppliedAdjustment[];
  discounts: AppliedAdjustment[];
}

/** "1, 15" → [1, 15]; "0" → [0]. Throws for anything that is not comma-separated integers 0..31. */
export function parseBillingDays(value: string): number[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.some((p) => !/^\d{1,2}$/.test(p))) throw new RangeError(`billing days "${value}" are not days of month`);
  const days = parts.map(Number);
  if (days.some((d) => d > 31)) throw new RangeError(`billing days "${value}" must be between 0 and 31`);
  return days;
}

export function formatBillingDays(days: readonly number[]): string {
  return days.join(",");
}

function scheduleDays(schedule: BillingSchedule): number[] {
  const days =
    typeof schedule.billingDays === "string" ? parseBillingDays(schedule.billingDays) : [...schedule.billingDays];
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 31)) {
    throw new RangeError("billing days must be integers between 0 and 31");
  }
  if (schedule.billingFrequency === "monthly" && days.length !== 1) {
    throw new RangeError("a monthly schedule has exactly one billing day");
  }
  if (schedule.billingFrequency === "twice_monthly" && days.length !== 2) {
    throw new RangeError("a twice-monthly schedule has exactly two billing days");
  }
  return days;
}

function checkInterval(schedule: BillingSchedule): number {
  const n = schedule.billingCycleInterval;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError("billing cycle interval must be an integer ≥ 1");
  return n;
}

/** The billing day as a date in the given month: 0 → last day, 29/30/31 clamp to the month's last day. */
export function clampBillingDay(day: number, year: number, month: number): number {
  const last = daysInMonth(year, month);
  return day === 0 ? last : Math.min(day, last);
}

function slotsOf(days: readonly number[], year: number, month: number): number[] {
  return [...new Set(days.map((d) => clampBillingDay(d, year, month)))].sort((a, b) => a - b);
}

function nextAfter(schedule: BillingSchedule, date: CalendarDate, days: number[], interval: number): CalendarDate {
  if (schedule.billingFrequency === "daily") return addCalendarDays(date, interval);
  const slots = slotsOf(days, date.year, date.month);
  const standsFor = slots.find((s) => s >= date.day) ?? slots[slots.length - 1]!;
  const following = slots.find((s) => s > standsFor);
  if (following !== undefined) return { ...date, day: following };
  const month = addCalendarMonths(date, interval);
  return { ...month, day: slotsOf(days, month.year, month.month)[0]! };
}

/** The date of the charge after one made on `date` ("YYYY-MM-DD"). The sandbox billing engine uses this. */
export function billDateAfter(schedule: BillingSchedule, date: string): string {
  const days = schedule.billingFrequency === "daily" ? [] : scheduleDays(schedule);
  return formatIsoDate(nextAfter(schedule, parseIsoDate(date), days, checkInterval(schedule)));
}

/**
 * The first bill date on or after `today` for a subscription created without a next bill date (the form's
 * default): the nearest billing day this month or next; daily schedules start today.
 */
export function firstBillDateOnOrAfter(schedule: BillingSchedule, today: string): string {
  const start = parseIsoDate(today);
  if (schedule.billingFrequency === "daily") return formatIsoDate(start);
  const days = scheduleDays(schedule);
  const thisMonth = slotsOf(days, start.year, start.month).find((d) => d >= start.day);
  if (thisMonth !== undefined) return formatIsoDate({ ...start, day: thisMonth });
  const next = addCalendarMonths(start, 1);
  return formatIsoDate({ ...next, day: slotsOf(days, next.year, next.month)[0]! });
}

/** The next `count` charge dates starting with `nextBillDate` itself. */
export function billDates(schedule: BillingSchedule, nextBillDate: string, count: number): string[] {
  const days = schedule.billingFrequency === "daily" ? [] : scheduleDays(schedule);
  const interval = checkInterval(schedule);
  const dates: string[] = [];
  let current = parseIsoDate(nextBillDate);
  for (let i = 0; i < count; i++) {
    dates.push(formatIsoDate(current));
    current = nextAfter(schedule, current, days, interval);
  }
  return dates;
}

/** Charges left: Infinity when the subscription runs until cancelled. */
export function remainingCharges(sub: Pick<SubscriptionForPreview, "duration" | "cyclesCharged">): number {
  const duration = sub.duration ?? 0;
  const charged = sub.cyclesCharged ?? 0;
  if (!Number.isSafeInteger(duration) || duration < 0) throw new RangeError("duration must be an integer ≥ 0");
  if (!Number.isSafeInteger(charged) || charged < 0) throw new RangeError("cycles charged must be an integer ≥ 0");
  return duration === 0 ? Infinity : Math.max(0, duration - charged);
}

/** The next `count` charges (fewer when the subscription's duration ends first). */
export function previewCharges(sub: SubscriptionForPreview, count: number): PreviewCharge[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count must be a non-negative integer");
  const n = Math.min(count, remainingCharges(sub));
  const charged = sub.cyclesCharged ?? 0;
  return billDates(sub, sub.nextBillDate, n).map((date, i) => {
    const c = computeCycleAmount(sub, i);
    return { date, cycle: charged + i + 1, amount: c.amount, addOns: c.addOns, discounts: c.discounts };
  });
}
