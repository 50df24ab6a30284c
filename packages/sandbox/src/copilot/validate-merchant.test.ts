import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageOn, parseUsDate } from "./formats";
import { missingFields } from "./required-fields";
import { validateMerchant } from "./validate-merchant";

const today = new Date(Date.UTC(2026, 10, 21));

function app(owner: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dbaName: "Shop",
    legalBusinessName: "Shop LLC",
    taxFilingName: "Shop LLC",
    taxFilingMethod: "EIN",
    demographic: {
      businessPhone: "303-555-0100",
      businessAddress: { address1: "1 Main", city: "Denver", stateCd: "CO", zip: "80202", countryCd: "US" },
    },
    ownership: {
      owner: {
        ownerName: "Jane Baker",
        ownerEmail: "jane@shop.test",
        ownerPhone: "303-555-0101",
        ownerTitle: "OWNER",
        ownerDob: "07/04/1980",
        ownerSSN: "123-45-6789",
        ...owner,
      },
      ownershipTypeCd: "LLC",
      ownerOwnershipPct: 100,
    },
    bankDetail: { depositBank: { bankAcctNum: "123456789", bankRoutingNum: "021000021", bankAcctTypeCd: "BIZ" } },
    processing: { platformDetails: { taxId: "841234567" } },
  };
}

const codesAt = (m: Record<string, unknown>, field: string) =>
  validateMerchant(m, today)
    .filter((e) => e.errorField === field)
    .map((e) => e.code);

describe("merchant validation", () => {
  it("accepts a complete, well-formed application", () => {
    expect(validateMerchant(app(), today)).toEqual([]);
    expect(missingFields(app(), "signature")).toEqual([]);
  });

  it("flags 1113 on ownerDob exactly when the string is not a real date of an adult", () => {
    const dobs = fc.oneof(
      fc.date({ min: new Date("1890-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => {
        const p = (n: number) => String(n).padStart(2, "0");
        return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()}`;
      }),
      fc.stringMatching(/^\d{1,2}\/\d{1,2}\/\d{2,4}$/),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(dobs, (dob) => {
        const parsed = parseUsDate(dob);
        const ok = !!parsed && ageOn(parsed, today) >= 18 && ageOn(parsed, today) <= 120;
        const flagged = codesAt(app({ ownerDob: dob }), "merchant.ownership.owner.ownerDob").includes("1113");
        // An empty string counts as absent (a required-field matter, not a format error).
        expect(flagged).toBe(dob !== "" && !ok);
      }),
      { numRuns: 400 },
    );
  });

  it("flags 1115 on any phone that is not ###-###-####", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 14 }), (phone) => {
        const flagged = codesAt(app({ ownerPhone: phone }), "merchant.ownership.owner.ownerPhone").includes("1115");
        expect(flagged).toBe(phone !== "" && !/^\d{3}-\d{3}-\d{4}$/.test(phone));
      }),
      { numRuns: 300 },
    );
  });

  it("lists what the signature still needs", () => {
    const m = app({ ownerDob: undefined, ownerSSN: undefined });
    expect(missingFields(m, "create")).toEqual([]);
    expect(missingFields(m, "signature").map((e) => e.errorField)).toEqual([
      "merchant.ownership.owner.ownerDob",
      "merchant.ownership.owner.ownerSSN",
    ]);
  });
});
