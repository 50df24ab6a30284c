import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addDays, dayIn, daysBetween, eachDay, formatDateTime, formatDay, isIsoDay, today } from "./dates";

describe("calendar days", () => {
  it("does day math on ISO days, across month ends, leap days and DST changes", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09"); // US DST starts
    expect(addDays("2011-12-29", 1)).toBe("2011-12-30"); // the day Samoa skipped still exists in UTC
    expect(daysBetween("2026-11-01", "2026-11-30")).toBe(29);
    expect(eachDay("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(isIsoDay("2026-02-30")).toBe(false);
    expect(isIsoDay("2026-02-28")).toBe(true);
  });

  it("reads today in an explicit zone, not the runtime's", () => {
    const late = new Date("2026-12-08T03:30:00Z");
    expect(today("UTC", late)).toBe("2026-12-08");
    expect(today("America/New_York", late)).toBe("2026-12-07");
    expect(dayIn(late, "Pacific/Apia")).toBe("2026-12-08");
  });

  it("formats instants with their zone and days as themselves", () => {
    const at = new Date("2026-12-07T20:55:00Z");
    expect(formatDateTime(at)).toBe("Dec 7, 2026, 8:55 PM UTC");
    expect(formatDateTime(at, "America/New_York")).toBe("Dec 7, 2026, 3:55 PM EST");
    expect(formatDateTime(null)).toBe("—");
    expect(formatDay("2026-12-07")).toBe("Dec 7, 2026");
    expect(formatDay(new Date("2026-12-08T02:00:00Z"))).toBe("Dec 8, 2026");
  });
});

/**
 * The same answers whatever TZ the server runs in: a child process runs the period and formatter code under
 * America/New_York and Pacific/Apia (where local-time day math ended "last 7 days" a day early, or skipped a day).
 */
describe.each(["America/New_York", "Pacific/Apia"])("under TZ=%s", (tz) => {
  it("gives the dashboard the same days and labels as UTC", () => {
    const script = `
      import { periodFromSearch, daysOf } from "./lib/dashboard/range.ts";
      import { formatDateTime, formatDay } from "./lib/dates.ts";
      const now = new Date("2026-12-08T03:30:00Z");
      const p = periodFromSearch({ range: "7" }, now);
      console.log(JSON.stringify({ p, days: daysOf(p), label: formatDateTime(now), day: formatDay("2026-12-07"),
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone }));`;
    const root = path.resolve(import.meta.dirname, "..");
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      env: { ...process.env, TZ: tz },
      encoding: "utf8",
    });
    const r = JSON.parse(out.trim().split("\n").pop()!);
    expect(r.p).toMatchObject({ from: "2026-12-02", to: "2026-12-08", days: 7 });
    expect(r.p.previous).toEqual({ from: "2026-11-25", to: "2026-12-01" });
    expect(r.days).toEqual([
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
      "2026-12-07",
      "2026-12-08",
    ]);
    expect(r.label).toBe("Dec 8, 2026, 3:30 AM UTC");
    expect(r.day).toBe("Dec 7, 2026");
    expect(r.zone).toBe(tz); // the child really ran in that zone
  });
});
