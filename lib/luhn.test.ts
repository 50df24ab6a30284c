import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnCheckDigit, luhnValid } from "./luhn";

describe("Luhn", () => {
  it("known numbers", () => {
    for (const pan of ["4111111111111111", "4000000000000002", "378282246310005", "6011111111111117", "0"])
      expect(luhnValid(pan), pan).toBe(true);
    for (const bad of ["4111111111111112", "", "4111-1111", "abc"]) expect(luhnValid(bad), bad).toBe(false);
  });

  it("property: the check digit makes any body valid, and changing one digit breaks it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,18}$/), fc.nat(), (body, k) => {
        const pan = `${body}${luhnCheckDigit(body)}`;
        expect(luhnValid(pan)).toBe(true);
        const i = k % pan.length;
        const changed = `${pan.slice(0, i)}${(Number(pan[i]) + 1 + (k % 9)) % 10}${pan.slice(i + 1)}`;
        if (changed !== pan) expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});
