import { describe, expect, it } from "vitest";
import { parseDate } from "./reports";

describe("settlestat / funding dates (issue 22: an impossible date answered 500)", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  it("reads MMDD in the simulated year and YYYYMMDD", () => {
    expect(parseDate("0228", now)).toBe("2026-02-28");
    expect(parseDate("20240229", now)).toBe("2024-02-29");
  });
  it("refuses dates that do not exist and other shapes", () => {
    for (const bad of ["0230", "20260230", "1301", "20261301", "0000", "00000101", "123", "2026-02-01", "12a4"]) {
      expect(parseDate(bad, now), bad).toBeUndefined();
    }
  });
});
