/**
 * The simulated clock: each API user has an offset (seconds) added to real time. Token expiry,
 * boarding progress and billing schedules all read this clock, so tests move time instead of waiting.
 */
export function simNow(offsetSeconds: number | string): Date {
  return new Date(Date.now() + Number(offsetSeconds) * 1000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** CoPilot's display format `MM/DD/YYYY hh:mm:ss AM` (the sandbox reports UTC). */
export function copilotDateTime(d: Date | null | undefined): string | null {
  if (!d) return null;
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return (
    `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ` +
    `${pad(h12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`
  );
}

/** `MM/DD/YYYY` of a date column (a UTC midnight). */
export function copilotDate(d: Date | null | undefined): string | null {
  if (!d) return null;
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}
