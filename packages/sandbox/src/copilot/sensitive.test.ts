import { describe, expect, it } from "vitest";
import { keepMaskedEchoes, maskSensitive, sealSensitive } from "./sensitive";

const merchant = {
  dbaName: "Shop",
  ownership: {
    owner: { ownerName: "Jane Baker", ownerSSN: "123-45-6789" },
    additionalOwners: [{ ownerFirstName: "John", ownerSSN: "987-65-4321" }],
    driversLicenseNumber: "D1234567",
  },
  bankDetail: { depositBank: { bankAcctNum: "000123456789", bankRoutingNum: "021000021" } },
};

describe("sensitive merchant fields", () => {
  it("seals SSNs, licence and bank account numbers, and masks them on the way out", () => {
    const sealed = sealSensitive(merchant);
    const text = JSON.stringify(sealed);
    for (const clear of ["123-45-6789", "987-65-4321", "D1234567", "000123456789"]) expect(text).not.toContain(clear);
    expect(text).toContain("021000021");
    const masked = maskSensitive(sealed) as typeof merchant;
    expect(masked.ownership.owner.ownerSSN).toBe("XXX-XX-6789");
    expect(masked.ownership.additionalOwners[0]!.ownerSSN).toBe("XXX-XX-4321");
    expect(masked.ownership.driversLicenseNumber).toBe("XXXX4567");
    expect(masked.bankDetail.depositBank.bankAcctNum).toBe("XXXXXXXX6789");
  });

  it("does not seal twice and leaves the input untouched", () => {
    const once = sealSensitive(merchant);
    expect(sealSensitive(once)).toEqual(once);
    expect(merchant.ownership.owner.ownerSSN).toBe("123-45-6789");
  });

  it("keeps stored values when a client echoes the mask, but takes a real new value", () => {
    const stored = sealSensitive(merchant);
    const echoed = keepMaskedEchoes(maskSensitive(stored), stored) as typeof merchant;
    expect(echoed.ownership.owner.ownerSSN).toBe((stored as typeof merchant).ownership.owner.ownerSSN);
    const changed = maskSensitive(stored) as typeof merchant;
    changed.ownership.owner.ownerSSN = "111-22-3333";
    const kept = keepMaskedEchoes(changed, stored) as typeof merchant;
    expect(kept.ownership.owner.ownerSSN).toBe("111-22-3333");
  });
});
