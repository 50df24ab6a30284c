import { addDays, daysBetween, eachDay, type IsoDay, isIsoDay, today as todayIn } from "@/lib/dates";

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

function parseDay(v: string | undefined): IsoDay | null {
  return isIsoDay(v) ? v : null;
}

/**
 * Reads `range`, `from`, `to` from the URL; anything invalid falls back to the last 30 days. Days are calendar days
 * in `timeZone` (UTC, the zone the daily rollups are kept in), computed without the server's local time.
 */
export function periodFromSearch(
  params: Record<string, string | string[] | undefined>,
  now = new Date(),
  timeZone = "UTC",
): Period {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const today = todayIn(timeZone, now);
  let from: IsoDay;
  let to: IsoDay;
  let preset: Period["preset"] = null;
  const f = parseDay(one("from"));
  const t = parseDay(one("to"));
  if (one("range") === "custom" && f && t && f <= t && daysBetween(f, t) < MAX_DAYS) {
    from = f;
    to = t;
  } else {
    const n = Number(one("range"));
    preset = (PRESETS as readonly number[]).includes(n) ? (n as Period["preset"]) : 30;
    to = today;
    from = addDays(today, 1 - (preset as number));
  }
  const days = daysBetween(from, to) + 1;
  return { from, to, days, preset, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}

/** Every day of the period, so charts show gaps as zero rather than skipping them. */
export function daysOf(p: Pick<Period, "from" | "to">): string[] {
  return eachDay(p.from, p.to);
}

/** Change from previous to current as a fraction (0.25 = +25%); null when there is nothing to compare. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
