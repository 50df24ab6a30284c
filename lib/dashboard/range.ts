import { addDays, differenceInCalendarDays, format, isValid, parseISO, subDays } from "date-fns";

/** A dashboard period: presets of 7/30/90 days ending today (UTC), or a custom from/to, plus the period before it. */
export const PRESETS = [7, 30, 90] as const;
const MAX_DAYS = 366 * 2;

export interface Period {
  from: string;
  to: string;
  days: number;
  previous: { from: string; to: string };
  preset: (typeof PRESETS)[number] | null;
}

const iso = (d: Date) => format(d, "yyyy-MM-dd");

function utcToday(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function parseDay(v: string | undefined): Date | null {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = parseISO(v);
  return isValid(d) ? d : null;
}

/** Reads `range`, `from`, `to` from the URL; anything invalid falls back to the last 30 days. */
export function periodFromSearch(params: Record<string, string | string[] | undefined>, now = new Date()): Period {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const today = utcToday(now);
  let from: Date;
  let to: Date;
  let preset: Period["preset"] = null;
  const f = parseDay(one("from"));
  const t = parseDay(one("to"));
  if (one("range") === "custom" && f && t && f <= t && differenceInCalendarDays(t, f) < MAX_DAYS) {
    from = f;
    to = t;
  } else {
    const n = Number(one("range"));
    preset = (PRESETS as readonly number[]).includes(n) ? (n as Period["preset"]) : 30;
    to = today;
    from = subDays(today, (preset as number) - 1);
  }
  const days = differenceInCalendarDays(to, from) + 1;
  return {
    from: iso(from),
    to: iso(to),
    days,
    preset,
    previous: { from: iso(subDays(from, days)), to: iso(subDays(from, 1)) },
  };
}

/** Every day of the period, so charts show gaps as zero rather than skipping them. */
export function daysOf(p: Pick<Period, "from" | "to">): string[] {
  const out: string[] = [];
  const end = parseISO(p.to);
  for (let d = parseISO(p.from); d <= end; d = addDays(d, 1)) out.push(iso(d));
  return out;
}

/** Change from previous to current as a fraction (0.25 = +25%); null when there is nothing to compare. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
