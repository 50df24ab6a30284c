/**
 * Calendar days and the one date formatter. Days are "YYYY-MM-DD" strings in an explicit time zone (UTC unless a
 * caller passes the merchant's), and day arithmetic is done on them in UTC, so the result never depends on the
 * server's TZ: with local-time `Date`s, "last 7 days" ended a day early in America/New_York and skipped a day
 * across Pacific/Apia's date-line change.
 */

export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(v: unknown): v is IsoDay {
  if (typeof v !== "string") return false;
  const m = ISO_DAY.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone (UTC by default). */
export function dayIn(instant: Date, timeZone = "UTC"): IsoDay {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** Today in a time zone (UTC by default). */
export function today(timeZone = "UTC", now = new Date()): IsoDay {
  return dayIn(now, timeZone);
}

function utcMidnight(day: IsoDay): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const DAY_MS = 86_400_000;

export function addDays(day: IsoDay, n: number): IsoDay {
  return new Date(utcMidnight(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (to − from). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: IsoDay, to: IsoDay): IsoDay[] {
  const out: IsoDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The instant a calendar day starts in UTC (for database bounds on timestamps). */
export function startOfDayUtc(day: IsoDay): Date {
  return new Date(utcMidnight(day));
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();
const dayOnlyFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, opts: Intl.DateTimeFormatOptions) {
  let f = map.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...opts, timeZone });
    map.set(timeZone, f);
  }
  return f;
}

function toDate(d: Date | string): Date {
  return typeof d === "string" ? new Date(d) : d;
}

/**
 * The one way an instant is shown: "Dec 7, 2026, 8:55 PM UTC" — always with its zone, the same on the server and
 * in the browser (the zone is explicit, never the runtime's).
 */
export function formatDateTime(d: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!d) return "—";
  const date = toDate(d);
  if (Number.isNaN(date.getTime())) return "—";
  const f = cached(dateTimeFormatters, timeZone, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return f.format(date);
}

/** A calendar day: "Dec 7, 2026". An ISO day is shown as that day; an instant as its day in `timeZone`. */
export function formatDay(d: Date | IsoDay | null | undefined, timeZone = "UTC"): string {
  if (!d) return "—";
  // An ISO day names a day, not an instant: shown as itself whatever the zone.
  if (typeof d === "string" && ISO_DAY.test(d)) return formatDay(startOfDayUtc(d), "UTC");
  const date = toDate(d);
  if (Number.isNaN(date.getTime())) return "—";
  return cached(dayOnlyFormatters, timeZone, { dateStyle: "medium" }).format(date);
}
