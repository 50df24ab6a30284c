import { describe, expect, it } from "vitest";
import { lowerKeys } from "./client";
import { dotnetToIso, safeMasked } from "./transform";
import { centsToGiftAmount, giftAmountToCents, quoteNumbers } from "./wire";

describe("gift-card wire money", () => {
  it("quotes bare numbers outside strings and leaves strings alone", () => {
    const raw = '{"balance":25.50,"n":-3,"e":1e2,"s":"a: 5, b","q":"say \\"7\\"","arr":[0.10,2],"ok":true,"x":null}';
    expect(JSON.parse(quoteNumbers(raw))).toEqual({
      balance: "25.50",
      n: "-3",
      e: "1e2",
      s: "a: 5, b",
      q: 'say "7"',
      arr: ["0.10", "2"],
      ok: true,
      x: null,
    });
  });

  it("reads decimals digit by digit and writes two places", () => {
    expect(giftAmountToCents("25.50")).toBe(2550);
    expect(giftAmountToCents("0.10")).toBe(10);
    expect(giftAmountToCents("10000")).toBe(1_000_000);
    expect(giftAmountToCents(19.99)).toBe(1999);
    expect(giftAmountToCents(null)).toBe(0);
    expect(() => giftAmountToCents("1.005")).toThrow(RangeError);
    expect(centsToGiftAmount(2550)).toBe("25.50");
    expect(centsToGiftAmount(7)).toBe("0.07");
  });

  it("binds keys case-insensitively and parses .NET times", () => {
    expect(lowerKeys({ HostRef: "1", Approvedbalance: "2", transactions: [{ PosRef: "p" }] })).toEqual({
      hostref: "1",
      approvedbalance: "2",
      transactions: [{ posref: "p" }],
    });
    expect(dotnetToIso("2026-01-01T10:00:00.0000000+00:00")).toBe("2026-01-01T10:00:00.000Z");
    expect(dotnetToIso("garbage")).toBeNull();
  });

  it("drops anything that looks like a full card number from masked fields", () => {
    expect(safeMasked("606012******1234")).toBe("606012******1234");
    expect(safeMasked("6060123456781234")).toBeNull();
  });
});
