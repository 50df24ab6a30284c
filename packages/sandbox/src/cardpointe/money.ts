/**
 * Gateway amounts: a decimal string ("11.11") or an integer string in minor units ("1000" = $10.00).
 * Returned amounts are always "x.yy". Internally everything is integer minor units.
 */
export function parseAmount(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  const m = s.match(/^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/);
  if (!m) return undefined;
  const sign = m[1] ? -1 : 1;
  const whole = m[2] ?? "0";
  if (m[3] === undefined) return sign * Number(whole);
  const cents = (m[3] + "0").slice(0, 2);
  return sign * (Number(whole) * 100 + Number(cents));
}

export function formatAmount(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
