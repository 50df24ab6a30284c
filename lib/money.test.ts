import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCents,
  cardPointeAmountToCents,
  centsToCardPointeAmount,
  centsToDecimalString,
  centsToMinorUnitString,
  currencyDigits,
  decimalStringToCents,
  divRoundHalfAwayFromZero,
  formatMoney,
  formatPercent,
  multiplyCents,
  parseMoney,
  parsePercent,
  percentOf,
  percentStringToThousandths,
  prorate,
  subtractCents,
  sumCents,
  thousandthsToPercentString,
} from "@/lib/money";

/** Reference rounding written differently from the module: floor((2|p| + d) / 2d) with the sign put back. */
function refRound(p: bigint, d: bigint): bigint {
  const abs = p < 0n ? -p : p;
  const q = (2n * abs + d) / (2n * d);
  return p < 0n ? -q : q;
}

const safeCents = fc.integer({ min: -1e13, max: 1e13 });

describe("formatMoney", () => {
  it("formats US dollars, negatives, zero and big amounts exactly", () => {
    expect(formatMoney(123456)).toBe("$1,234.56");
    expect(formatMoney(5)).toBe("$0.05");
    expect(formatMoney(-5)).toBe("-$0.05");
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(-0)).toBe("$0.00");
    expect(formatMoney(900719925474099)).toBe("$9,007,199,254,740.99");
  });

  it("honours the currency's minor units and the locale", () => {
    expect(formatMoney(1234, "JPY")).toBe("¥1,234");
    expect(formatMoney(1234567, "BHD")).toContain("1,234.567");
    expect(formatMoney(123456, "EUR", "de-DE")).toBe("1.234,56\u00a0€");
    expect(formatMoney(1000, "usd")).toBe("$10.00"); // CardPointe/CoPilot answer with lowercase codes
  });

  it("refuses non-integer cents and unknown currency codes", () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(100, "dollars")).toThrow(RangeError);
  });
});

describe("parseMoney", () => {
  it.each([
    ["42.5", 4250],
    ["42.50", 4250],
    ["42", 4200],
    ["42.", 4200],
    [".5", 50],
    ["0", 0],
    ["$1,234.56", 123456],
    ["  $ 1,234.56  ", 123456],
    ["1234567.89", 123456789],
    ["USD 10", 1000],
    ["10 usd", 1000],
  ])("accepts %j as %i cents", (input, cents) => {
    expect(parseMoney(input, "USD")).toEqual({ ok: true, cents });
  });

  it.each([
    "",
    "   ",
    "abc",
    "1e3",
    "1E3",
    "NaN",
    "Infinity",
    "0x10",
    "1,23",
    "12,3456",
    ",123",
    "1.2.3",
    "$",
    ".",
    "1 000",
    "+5",
  ])("rejects %j with a field error", (input) => {
    const r = parseMoney(input, "USD");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/amount/i);
  });

  it("rejects more decimals than the currency has", () => {
    expect(parseMoney("42.555", "USD")).toEqual({ ok: false, error: "Use at most 2 decimal places." });
    expect(parseMoney("42.5", "JPY")).toEqual({ ok: false, error: "JPY amounts have no decimal places." });
    expect(parseMoney("1.2345", "BHD")).toEqual({ ok: false, error: "Use at most 3 decimal places." });
    expect(parseMoney("1.234", "BHD")).toEqual({ ok: true, cents: 1234 });
  });

  it("rejects negatives unless allowed", () => {
    expect(parseMoney("-5", "USD").ok).toBe(false);
    expect(parseMoney("-$5.00", "USD").ok).toBe(false);
    expect(parseMoney("-5", "USD", { allowNegative: true })).toEqual({ ok: true, cents: -500 });
    expect(parseMoney("$-5.00", "USD", { allowNegative: true })).toEqual({ ok: true, cents: -500 });
    expect(parseMoney("\u22125.00", "USD", { allowNegative: true })).toEqual({ ok: true, cents: -500 });
    expect(parseMoney("-0", "USD")).toEqual({ ok: true, cents: 0 });
  });

  it("rejects amounts above the maximum", () => {
    expect(parseMoney("100.01", "USD", { max: 10000 }).ok).toBe(false);
    expect(parseMoney("100.00", "USD", { max: 10000 })).toEqual({ ok: true, cents: 10000 });
    expect(parseMoney("99999999999999999", "USD").ok).toBe(false);
  });

  it("reads the locale's separators", () => {
    expect(parseMoney("1.234,56", "EUR", { locale: "de-DE" })).toEqual({ ok: true, cents: 123456 });
    expect(parseMoney("1.234,56 €", "EUR", { locale: "de-DE" })).toEqual({ ok: true, cents: 123456 });
    expect(parseMoney("1.234.56", "EUR", { locale: "de-DE" }).ok).toBe(false);
  });

  it("never uses float arithmetic: amounts a float would get wrong stay exact", () => {
    // 1.005 * 100 = 100.49999999999999 and 4.35 * 100 = 434.99999999999994 in floating point.
    expect(parseMoney("4.35")).toEqual({ ok: true, cents: 435 });
    expect(parseMoney("1.01")).toEqual({ ok: true, cents: 101 });
    expect(parseMoney("90071992547409.91")).toEqual({ ok: true, cents: 9007199254740991 });
  });

  const locales = ["en-US", "de-DE", "fr-FR", "en-IN", "ja-JP"] as const;
  const currencies = ["USD", "EUR", "JPY", "BHD", "GBP"] as const;

  it("property: parseMoney(formatMoney(c)) = c for every currency and locale", () => {
    fc.assert(
      fc.property(safeCents, fc.constantFrom(...currencies), fc.constantFrom(...locales), (cents, currency, locale) => {
        const text = formatMoney(cents, currency, locale);
        expect(parseMoney(text, currency, { allowNegative: true, locale })).toEqual({ ok: true, cents });
      }),
      { numRuns: 3000 },
    );
  });

  it("property: plain decimal strings with optional grouping parse to the exact digits", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.boolean(),
        (whole, fracDigits, grouped, dollarSign) => {
          const frac =
            fracDigits === 0
              ? ""
              : String(Number(whole % 97n))
                  .padStart(2, "0")
                  .slice(0, fracDigits);
          const wholeText = grouped ? whole.toLocaleString("en-US") : whole.toString();
          const text = `${dollarSign ? "$" : ""}${wholeText}${fracDigits ? "." + frac : ""}`;
          const expected = Number(whole * 100n + BigInt((frac || "0").padEnd(2, "0")));
          expect(parseMoney(text)).toEqual({ ok: true, cents: expected });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("property: any input either parses to a safe integer or yields an error, and never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), fc.boolean(), (input, allowNegative) => {
        const r = parseMoney(input, "USD", { allowNegative });
        if (r.ok) {
          expect(Number.isSafeInteger(r.cents)).toBe(true);
          if (!allowNegative) expect(r.cents).toBeGreaterThanOrEqual(0);
          expect(input).not.toMatch(/e/i);
        } else {
          expect(r.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("property: three or more decimals are always rejected for USD", () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.stringMatching(/^\d{3,6}$/), (whole, frac) => {
        expect(parseMoney(`${whole}.${frac}`).ok).toBe(false);
      }),
    );
  });
});

describe("arithmetic", () => {
  it("sums refuse non-integers and unsafe results", () => {
    expect(sumCents([100, 250, -50])).toBe(300);
    expect(sumCents([])).toBe(0);
    expect(addCents(1, 2, 3)).toBe(6);
    expect(() => sumCents([0.1, 0.2])).toThrow(RangeError);
    expect(() => sumCents([Number.NaN])).toThrow(RangeError);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => addCents(1, 1.5)).toThrow(RangeError);
    expect(subtractCents(100, 250)).toBe(-150);
    expect(() => subtractCents(100, 0.5)).toThrow(RangeError);
    expect(multiplyCents(1999, 3)).toBe(5997);
    expect(() => multiplyCents(1999, 1.5)).toThrow(RangeError);
  });

  it("percentOf rounds half away from zero to the cent", () => {
    expect(percentOf(1999, 8250)).toBe(165); // 164.9175
    expect(percentOf(2000, 10000)).toBe(200);
    expect(percentOf(5, 10000)).toBe(1); // 0.5 → 1
    expect(percentOf(15, 10000)).toBe(2); // 1.5 → 2
    expect(percentOf(25, 10000)).toBe(3); // 2.5 → 3 (not banker's 2)
    expect(percentOf(-25, 10000)).toBe(-3);
    expect(percentOf(4, 10000)).toBe(0); // 0.4 → 0
    expect(percentOf(12345, 0)).toBe(0);
    expect(percentOf(12345, 100000)).toBe(12345);
    expect(percentOf(9007199254740991, 100000)).toBe(9007199254740991); // product beyond 2^53 stays exact
    expect(() => percentOf(100, 8.25)).toThrow(RangeError);
  });

  it("property: percentOf matches an independent exact rounding and is within half a cent", () => {
    fc.assert(
      fc.property(safeCents, fc.integer({ min: 0, max: 200000 }), (cents, rate) => {
        const exact = refRound(BigInt(cents) * BigInt(rate), 100000n);
        const got = percentOf(cents, rate);
        expect(BigInt(got)).toBe(exact);
        // |got − cents·rate/100000| ≤ ½  ⇔  |200000·got − 2·cents·rate| ≤ 100000
        const diff = 200000n * BigInt(got) - 2n * BigInt(cents) * BigInt(rate);
        expect(diff <= 100000n && diff >= -100000n).toBe(true);
        expect(percentOf(-cents, rate)).toBe(-got || 0);
      }),
      { numRuns: 5000 },
    );
  });

  it("prorate and the generic division round the same way", () => {
    expect(prorate(3000, 10, 30)).toBe(1000);
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1000, 2, 3)).toBe(667);
    expect(divRoundHalfAwayFromZero(-7n, 2n)).toBe(-4n);
    expect(divRoundHalfAwayFromZero(7n, -2n)).toBe(-4n);
    expect(() => prorate(100, 1, 0)).toThrow(RangeError);
  });
});

describe("wire formats", () => {
  it("decimal strings ↔ cents", () => {
    expect(centsToDecimalString(1111)).toBe("11.11");
    expect(centsToDecimalString(5)).toBe("0.05");
    expect(centsToDecimalString(-1000)).toBe("-10.00");
    expect(centsToDecimalString(42, "JPY")).toBe("42");
    expect(centsToDecimalString(1, "BHD")).toBe("0.001");
    expect(decimalStringToCents("11.11")).toBe(1111);
    expect(decimalStringToCents("7")).toBe(700);
    expect(decimalStringToCents("0.5")).toBe(50);
    expect(decimalStringToCents("-0.50")).toBe(-50);
    expect(decimalStringToCents("10.000")).toBe(1000);
    expect(() => decimalStringToCents("10.001")).toThrow(RangeError);
    expect(() => decimalStringToCents("1e3")).toThrow(RangeError);
    expect(() => decimalStringToCents("1,000.00")).toThrow(RangeError);
    expect(() => decimalStringToCents("")).toThrow(RangeError);
  });

  it("CardPointe amounts: decimal or minor-unit integer strings in, decimal out", () => {
    expect(cardPointeAmountToCents("11.11")).toBe(1111);
    expect(cardPointeAmountToCents("1000")).toBe(1000);
    expect(cardPointeAmountToCents("10.00")).toBe(1000);
    expect(cardPointeAmountToCents("-5.00")).toBe(-500);
    expect(cardPointeAmountToCents("0")).toBe(0);
    expect(() => cardPointeAmountToCents("ten")).toThrow(RangeError);
    expect(centsToCardPointeAmount(1000)).toBe("10.00");
    expect(centsToMinorUnitString(100)).toBe("100");
  });

  it("property: decimal string round trips are exact in every currency", () => {
    fc.assert(
      fc.property(safeCents, fc.constantFrom("USD", "JPY", "BHD"), (cents, currency) => {
        const s = centsToDecimalString(cents, currency);
        expect(s).toMatch(currencyDigits(currency) === 0 ? /^-?\d+$/ : /^-?\d+\.\d+$/);
        expect(decimalStringToCents(s, currency)).toBe(cents);
        if (currency === "USD") expect(cardPointeAmountToCents(centsToCardPointeAmount(cents))).toBe(cents);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("percentages", () => {
  it("wire strings ↔ thousandths", () => {
    expect(percentStringToThousandths("8.250")).toBe(8250);
    expect(percentStringToThousandths("10")).toBe(10000);
    expect(percentStringToThousandths("0.000")).toBe(0);
    expect(percentStringToThousandths("0.00")).toBe(0);
    expect(percentStringToThousandths("43.44")).toBe(43440);
    expect(() => percentStringToThousandths("8.2501")).toThrow(RangeError);
    expect(() => percentStringToThousandths("-1")).toThrow(RangeError);
    expect(thousandthsToPercentString(8250)).toBe("8.250");
    expect(thousandthsToPercentString(100)).toBe("0.100");
    expect(formatPercent(10000)).toBe("10%");
    expect(formatPercent(43440)).toBe("43.44%");
    expect(formatPercent(0)).toBe("0%");
  });

  it("form input", () => {
    expect(parsePercent("10")).toEqual({ ok: true, thousandths: 10000 });
    expect(parsePercent("10 %")).toEqual({ ok: true, thousandths: 10000 });
    expect(parsePercent(".1")).toEqual({ ok: true, thousandths: 100 });
    expect(parsePercent("0.05")).toEqual({ ok: true, thousandths: 50 });
    expect(parsePercent("1.2345").ok).toBe(false);
    expect(parsePercent("1e2").ok).toBe(false);
    expect(parsePercent("").ok).toBe(false);
    expect(parsePercent(".").ok).toBe(false);
    expect(parsePercent("27224828073531290130232068459511382907565531479346500686402180598416088486633")).toEqual({
      ok: false,
      error: "That percentage is too large.",
    });
    expect(parsePercent("000000001.5")).toEqual({ ok: true, thousandths: 1500 });
  });

  it("property: form input never throws, whatever is typed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{0,40}(\.[0-9]{0,5})?%?$/)), (input) => {
        const r = parsePercent(input);
        if (r.ok) expect(Number.isSafeInteger(r.thousandths)).toBe(true);
      }),
    );
  });

  it("property: thousandths → string → thousandths", () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), (t) => {
        expect(percentStringToThousandths(thousandthsToPercentString(t))).toBe(t);
        expect(parsePercent(formatPercent(t))).toEqual({ ok: true, thousandths: t });
      }),
    );
  });
});
