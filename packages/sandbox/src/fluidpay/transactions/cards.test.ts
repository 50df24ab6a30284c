import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  binInfo,
  cardBrand,
  formatExpiry,
  isExpired,
  luhnValid,
  maskAccount,
  maskCard,
  parseExpiry,
  vaultExpiry,
} from "./cards";

describe("cards", () => {
  test("Luhn accepts the documented test cards and rejects a changed digit", () => {
    for (const n of [
      "4111111111111111",
      "4005519200000004",
      "5555555555554444",
      "2223000048400011",
      "378282246310005",
      "6011111111111117",
      "3530111333300000",
      "4000000000009995",
    ]) {
      expect(luhnValid(n)).toBe(true);
    }
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("41111")).toBe(false);
    expect(luhnValid("4111-1111-1111-1111")).toBe(false);
  });
  test("property: changing any single digit of a valid number breaks Luhn", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const n = "4111111111111111".split("");
        n[pos] = String((Number(n[pos]) + delta) % 10);
        return !luhnValid(n.join(""));
      }),
    );
  });
  test("brands and BIN behaviour", () => {
    expect(cardBrand("4111111111111111")).toBe("visa");
    expect(cardBrand("2223000048400011")).toBe("mastercard");
    expect(cardBrand("378282246310005")).toBe("amex");
    expect(cardBrand("6011111111111117")).toBe("discover");
    expect(cardBrand("3530111333300000")).toBe("jcb");
    expect(binInfo("4111111111111111")).toMatchObject({ card_type: "debit", is_surchargeable: false });
    expect(binInfo("4005519200000004")).toMatchObject({ card_type: "credit", is_surchargeable: true });
  });
  test("masking keeps first six and last four only", () => {
    expect(maskCard("4111111111111111")).toBe("411111******1111");
    expect(maskCard("378282246310005")).toBe("378282*****0005");
    expect(maskAccount("123456789")).toBe("*****6789");
  });
  test("expiry parsing, formatting and month-end semantics", () => {
    expect(parseExpiry("12/30")).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry("1230")).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry("12/2030")).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry("13/30")).toBeUndefined();
    expect(formatExpiry({ month: 1, year: 2031 })).toBe("01/31");
    expect(vaultExpiry({ month: 2, year: 2028 })).toBe("2028-02-29T00:00:00Z");
    expect(isExpired({ month: 3, year: 2026 }, new Date("2026-03-31T23:59:59Z"))).toBe(false);
    expect(isExpired({ month: 3, year: 2026 }, new Date("2026-04-01T00:00:00Z"))).toBe(true);
  });
});
