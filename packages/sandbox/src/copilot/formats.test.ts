import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageOn, isOwnerName, isPhone, isRoutingNumber, isSsn, maskSsn, parseCompactDate, parseUsDate } from "./formats";

describe("CoPilot field formats", () => {
  it("accepts only real calendar days in MM/DD/YYYY", () => {
    expect(parseUsDate("02/29/2000")).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseUsDate("02/29/1900")).toBeUndefined();
    expect(parseUsDate("02/30/2000")).toBeUndefined();
    expect(parseUsDate("13/01/2000")).toBeUndefined();
    expect(parseUsDate("1/01/2000")).toBeUndefined();
    expect(parseUsDate("2000-01-01")).toBeUndefined();
    expect(parseCompactDate("03082021")).toEqual({ year: 2021, month: 3, day: 8 });
  });

  it("round-trips every real date through MM/DD/YYYY", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), (d) => {
        const s = `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/${d.getUTCFullYear()}`;
        expect(parseUsDate(s)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
      }),
      { numRuns: 300 },
    );
  });

  it("counts age in whole years, the birthday included", () => {
    const today = new Date(Date.UTC(2026, 10, 21));
    expect(ageOn({ year: 2008, month: 11, day: 21 }, today)).toBe(18);
    expect(ageOn({ year: 2008, month: 11, day: 22 }, today)).toBe(17);
  });

  it("checks the ABA checksum of routing numbers", () => {
    expect(isRoutingNumber("021000021")).toBe(true);
    expect(isRoutingNumber("011000015")).toBe(true);
    expect(isRoutingNumber("021000022")).toBe(false);
    expect(isRoutingNumber("02100002")).toBe(false);
  });

  it("finds exactly one valid check digit for every 8-digit routing prefix", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (prefix) => {
        const valid = [..."0123456789"].filter((d) => isRoutingNumber(prefix + d));
        expect(valid).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it("knows phone, SSN and owner-name shapes", () => {
    expect(isPhone("303-555-0100")).toBe(true);
    expect(isPhone("3035550100")).toBe(false);
    expect(isSsn("123-45-6789")).toBe(true);
    expect(isSsn("123-456-789")).toBe(false);
    expect(isOwnerName("Jane O'Neil-Smith")).toBe(true);
    expect(isOwnerName("Dr Jane Smith")).toBe(false);
    expect(isOwnerName("J4ne Smith")).toBe(false);
    expect(isOwnerName("Jane Smith-Jones-Brown")).toBe(false);
    expect(maskSsn("123-45-6789")).toBe("XXX-XX-6789");
  });
});
