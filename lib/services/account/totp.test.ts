import { describe, expect, it } from "vitest";
import {
  groupSecret,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
} from "./totp";

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (6-digit truncation of the published 8-digit values).
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("totp", () => {
  it("matches the RFC 6238 test vectors", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe("005924");
  });

  it("returns the step of a code, tolerating one step of drift, and null for a wrong or malformed code", () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(step);
    expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now)).toBe(step - 1);
    expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now)).toBe(step + 1);
    expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, now - 90_000), now)).toBeNull();
    expect(totpStep(RFC_SECRET, "12345", now)).toBeNull();
    expect(totpStep(RFC_SECRET, "abcdef", now)).toBeNull();
    expect(
      totpStep(RFC_SECRET, ` ${totpCode(RFC_SECRET, now).slice(0, 3)} ${totpCode(RFC_SECRET, now).slice(3)}`, now),
    ).toBe(step);
  });

  it("makes 160-bit secrets and an otpauth URI authenticator apps read", () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupSecret(s).split(" ")).toHaveLength(8);
    const uri = new URL(otpauthUri(s, "owner@acme.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(s);
    expect(uri.searchParams.get("issuer")).toBe("Merchant Portal");
    expect(uri.searchParams.get("digits")).toBe("6");
  });

  it("makes ten distinct recovery codes that survive retyping with other case, spaces and dashes", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    const c = codes[0]!;
    expect(looksLikeRecoveryCode(c)).toBe(true);
    expect(hashRecoveryCode(` ${c.toUpperCase().replace(/-/g, " ")} `)).toBe(hashRecoveryCode(c));
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
