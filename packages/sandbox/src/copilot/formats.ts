/** CoPilot's field formats, as pure predicates (the merchant validator maps them to error codes). */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** `MM/DD/YYYY` that names a real calendar day (02/30/2000 is refused, 02/29/2000 is not). */
export function parseUsDate(value: string): CalendarDate | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  if (year < 1800 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** `MMDDYYYY` (billing plans write dates without separators). */
export function parseCompactDate(value: string): CalendarDate | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  return m ? parseUsDate(`${m[1]}/${m[2]}/${m[3]}`) : undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole years between a birth date and `today` (the birthday itself counts). */
export function ageOn(birth: CalendarDate, today: Date): number {
  let age = today.getUTCFullYear() - birth.year;
  const m = today.getUTCMonth() + 1;
  if (m < birth.month || (m === birth.month && today.getUTCDate() < birth.day)) age -= 1;
  return age;
}

export function toUtcDate(d: CalendarDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

export const isPhone = (v: string) => /^\d{3}-\d{3}-\d{4}$/.test(v);
export const isSsn = (v: string) => /^\d{3}-\d{2}-\d{4}$/.test(v);
export const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 300;
export const isZip = (v: string) => /^\d{5}(-\d{4})?$/.test(v);

/** ABA routing number: 9 digits whose weighted sum (3,7,1 repeating) is a multiple of 10. */
export function isRoutingNumber(v: string): boolean {
  if (!/^\d{9}$/.test(v)) return false;
  const w = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(v[i]) * w[i % 3]!;
  return sum % 10 === 0;
}

export const isBankAccountNumber = (v: string) => /^\d{4,17}$/.test(v);

/**
 * Owner names: first and last name, no title/middle name/suffix; the first name letters only,
 * the last name at most one hyphen and one apostrophe (the official field description).
 */
export function isOwnerName(v: string): boolean {
  if (v.length > 300) return false;
  const parts = v.trim().split(/\s+/);
  if (parts.length !== 2) return false;
  const [first, last] = parts as [string, string];
  if (!/^[A-Za-z]+$/.test(first)) return false;
  if (!/^[A-Za-z][A-Za-z'-]*$/.test(last)) return false;
  return (last.match(/-/g) ?? []).length <= 1 && (last.match(/'/g) ?? []).length <= 1;
}

/** Tax filing names allow letters, digits, spaces and only the special characters `&` and `-`. */
export const isTaxFilingName = (v: string) => /^[A-Za-z0-9 &-]+$/.test(v) && v.length <= 500;

export function mask(value: string, visible = 4): string {
  const digits = value.replace(/\D/g, "");
  const tail = digits.slice(-visible);
  return `${"X".repeat(Math.max(0, digits.length - visible))}${tail}`;
}

/** SSN masked as CoPilot's UI shows it: `XXX-XX-1234`. */
export function maskSsn(value: string): string {
  return `XXX-XX-${value.replace(/\D/g, "").slice(-4)}`;
}
