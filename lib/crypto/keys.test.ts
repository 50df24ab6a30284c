import { describe, expect, it } from "vitest";
import { seal, unseal } from "./keys";

describe("seal/unseal", () => {
  it("round-trips and hides the plaintext", () => {
    const s = seal('{"api_key":"api_secret"}', "merchant-credentials");
    expect(s).not.toContain("api_secret");
    expect(unseal(s, "merchant-credentials")).toBe('{"api_key":"api_secret"}');
  });

  it("refuses a value sealed for another purpose or tampered with", () => {
    const s = seal("4111111111111111", "sandbox-gateway-vault");
    expect(() => unseal(s, "merchant-credentials")).toThrow();
    const parts = s.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => unseal(parts.join("."), "sandbox-gateway-vault")).toThrow();
  });
});
