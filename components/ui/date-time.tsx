import { formatDateTime, formatDay } from "@/lib/dates";

/**
 * An instant ("Dec 7, 2026, 8:55 PM UTC") or, with `day`, a calendar day ("Dec 7, 2026"), in a `<time>` element
 * carrying the machine-readable value. The zone is explicit (UTC unless given), so server and browser agree.
 */
export function DateTime({
  value,
  day = false,
  timeZone = "UTC",
  className,
}: {
  value: Date | string | null | undefined;
  day?: boolean;
  timeZone?: string;
  className?: string;
}) {
  if (!value) return <span className={className}>—</span>;
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} className={className}>
      {day ? formatDay(value, timeZone) : formatDateTime(value, timeZone)}
    </time>
  );
}
