import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, parseAmount } from "./money";

describe("gateway amounts", () => {
  it("reads decimal strings and minor-unit integer strings", () => {
    expect(parseAmount("11.11")).toBe(1111);
    expect(parseAmount("1000")).toBe(1000);
    expect(parseAmount("10.5")).toBe(1050);
    expect(parseAmount("0")).toBe(0);
    expect(parseAmount("-5.00")).toBe(-500);
    expect(parseAmount(" 7.00 ")).toBe(700);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "abc", "1.234", "1,000.00", "1e3", ".5", "12.", undefined])
      expect(parseAmount(bad)).toBeUndefined();
  });

  it("always formats x.yy and round-trips through the decimal form", () => {
    expect(formatAmount(1000)).toBe("10.00");
    expect(formatAmount(5)).toBe("0.05");
    expect(formatAmount(-195)).toBe("-1.95");
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        const s = formatAmount(minor);
        expect(s).toMatch(/^-?\d+\.\d{2}$/);
        expect(parseAmount(s)).toBe(minor);
      }),
    );
  });

  it("reads an integer string as minor units, the same amount as its decimal form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), (minor) => {
        expect(parseAmount(String(minor))).toBe(parseAmount(formatAmount(minor)));
      }),
    );
  });
});
