import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AMOUNT_DRIVEN_ROWS,
  amountDriven,
  avsResponse,
  brandOf,
  brandOfBin,
  cvvResponse,
  luhnValid,
  maskPan,
  TEST_CARDS,
  TIMEOUT_CARDS,
} from "./cards";

function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error("unreachable");
}

describe("card rules", () => {
  it("knows the brands by prefix and length", () => {
    expect(brandOf("4111111111111111")).toBe("VISA");
    expect(brandOf("5454545454545454")).toBe("MC");
    expect(brandOf("2223000048400011")).toBe("MC");
    expect(brandOf("371449635398431")).toBe("AMEX");
    expect(brandOf("6011000995500000")).toBe("DISC");
    expect(brandOf("36438999960016")).toBe("DINERS");
    expect(brandOf("3528000000000007")).toBe("JCB");
    expect(brandOf("9411111111111111")).toBeUndefined();
    expect(brandOfBin("371449")).toBe("AMEX");
    expect(brandOfBin("364389")).toBe("DINERS");
  });

  it("every documented test card passes Luhn and has a brand", () => {
    for (const pan of [...Object.keys(TEST_CARDS), ...TIMEOUT_CARDS]) {
      expect(luhnValid(pan), pan).toBe(true);
      expect(brandOf(pan), pan).toBeDefined();
    }
  });

  it("Luhn: exactly one check digit completes any body; changing one digit breaks it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^4\d{14}$/), fc.integer({ min: 0, max: 14 }), (body, pos) => {
        const pan = withCheckDigit(body);
        expect([..."0123456789"].filter((d) => luhnValid(body + d))).toHaveLength(1);
        const changed = pan.slice(0, pos) + String((Number(pan[pos]) + 1) % 10) + pan.slice(pos + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });

  it("masks to first six and last four", () => {
    expect(maskPan("4111111111111111")).toBe("411111******1111");
    expect(maskPan("371449635398431")).toBe("371449*****8431");
  });
});

describe("UAT amount-driven codes", () => {
  it("selects FNOR codes for $1000–$1099 whole dollars, ignoring cents", () => {
    expect(amountDriven(100500)?.respcode).toBe("05");
    expect(amountDriven(100599)?.respcode).toBe("05");
    expect(amountDriven(105100)).toMatchObject({ respcode: "51", respstat: "C" });
    expect(amountDriven(99999)).toBeUndefined();
    expect(amountDriven(200500)).toBeUndefined();
    expect(amountDriven(150000)).toBeUndefined();
  });

  it("every numeric FNOR row is reachable and nothing else in range is", () => {
    expect(AMOUNT_DRIVEN_ROWS).toHaveLength(24);
    fc.assert(
      fc.property(fc.integer({ min: 100000, max: 199999 }), (minor) => {
        const r = amountDriven(minor);
        const row = AMOUNT_DRIVEN_ROWS.find((x) => x.dollars === Math.floor(minor / 100));
        expect(r?.respcode).toBe(row?.respcode);
      }),
    );
  });
});

describe("AVS and CVV triggers", () => {
  it("reads the last three postal characters, else a code in the address", () => {
    expect(avsResponse("55112", undefined)).toBe("N");
    expect(avsResponse("k1a 1a9", undefined)).toBe("R");
    expect(avsResponse("19400", "113 Main St")).toBe("Z");
    expect(avsResponse("19406", "113 Main St")).toBe("Y");
    expect(avsResponse(undefined, undefined)).toBe("Y");
  });
  it("maps the CVV test values", () => {
    expect([cvvResponse("112"), cvvResponse("111"), cvvResponse("222"), cvvResponse("333")]).toEqual([
      "M",
      "N",
      "P",
      "U",
    ]);
    expect(cvvResponse("123")).toBe("M");
    expect(cvvResponse(undefined)).toBeUndefined();
  });
});
