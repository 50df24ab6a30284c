/**
 * Calendar dates ("YYYY-MM-DD") for billing: no time of day and no time zone, so a bill date never moves
 * because of where the server runs. Arithmetic goes through date-fns on local-midnight Dates, which is exact
 * for whole days (date-fns adds days with setDate, so DST shifts don't leak in).
 */
import { addDays, getDaysInMonth } from "date-fns";

export interface CalendarDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// `new Date(y, m, d)` maps years 0..99 to 1900..1999; setFullYear does not.
function localDate(year: number, month: number, day: number): Date {
  const d = new Date(2000, 0, 1);
  d.setFullYear(year, month - 1, day);
  return d;
}

export function daysInMonth(year: number, month: number): number {
  return getDaysInMonth(localDate(year, month, 1));
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseIsoDate(value: string): CalendarDate {
  if (!isIsoDate(value)) throw new RangeError(`"${value}" is not a valid YYYY-MM-DD date`);
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return { year: y, month: m, day: d };
}

export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const d = addDays(localDate(date.year, date.month, date.day), days);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** The first day of the month `months` after the date's month. */
export function addCalendarMonths(date: Pick<CalendarDate, "year" | "month">, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0; // zero-padded ISO dates sort lexically
}
