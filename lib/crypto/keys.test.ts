import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { currentKeyId, needsReseal, seal, unseal, unsealLegacy } from "./keys";

const saved = { key: process.env.CREDENTIALS_KEY, previous: process.env.CREDENTIALS_KEY_PREVIOUS };
afterEach(() => {
  process.env.CREDENTIALS_KEY = saved.key;
  if (saved.previous === undefined) delete process.env.CREDENTIALS_KEY_PREVIOUS;
  else process.env.CREDENTIALS_KEY_PREVIOUS = saved.previous;
  resetEnvCache();
});

function useKeys(current: string, previous?: string) {
  process.env.CREDENTIALS_KEY = current;
  if (previous === undefined) delete process.env.CREDENTIALS_KEY_PREVIOUS;
  else process.env.CREDENTIALS_KEY_PREVIOUS = previous;
  resetEnvCache();
}

/** The earlier format, as rows written before row binding hold it: `v1.<iv>.<tag>.<ct>`, no associated data. */
function sealV1(plaintext: string, purpose: string, masterB64: string): string {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(masterB64, "base64"), Buffer.alloc(0), purpose, 32));
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
  return ["v1", iv, c.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

const A = Buffer.alloc(32, 1).toString("base64");
const B = Buffer.alloc(32, 2).toString("base64");

describe("seal/unseal", () => {
  it("round-trips and hides the plaintext", () => {
    const s = seal('{"api_key":"api_secret"}', "merchant-credentials", "merchants/m1/credentials_enc");
    expect(s).not.toContain("api_secret");
    expect(s.split(".")[0]).toBe("v2");
    expect(unseal(s, "merchant-credentials", "merchants/m1/credentials_enc")).toBe('{"api_key":"api_secret"}');
  });

  it("refuses a value sealed for another purpose or tampered with", () => {
    const s = seal("4111111111111111", "sandbox-gateway-vault");
    expect(() => unseal(s, "merchant-credentials")).toThrow();
    const parts = s.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => unseal(parts.join("."), "sandbox-gateway-vault")).toThrow();
  });

  it("binds a ciphertext to its row: copied into another merchant's row or column it does not open (finding 10)", () => {
    const s = seal('{"apiKey":"a"}', "merchant-credentials", "merchants/m1/credentials_enc");
    expect(() => unseal(s, "merchant-credentials", "merchants/m2/credentials_enc")).toThrow();
    expect(() => unseal(s, "merchant-credentials", "merchants/m1/other_column")).toThrow();
    expect(() => unseal(s, "merchant-credentials")).toThrow();
  });

  it("refuses a truncated authentication tag (GCM would accept a 4-byte prefix of the right tag)", () => {
    const s = seal("secret", "merchant-credentials", "merchants/m1/credentials_enc");
    const parts = s.split(".");
    parts[3] = Buffer.from(parts[3] as string, "base64url")
      .subarray(0, 4)
      .toString("base64url");
    expect(() => unseal(parts.join("."), "merchant-credentials", "merchants/m1/credentials_enc")).toThrow(/tag/);
  });

  it("rotates keys: the old key still opens what it sealed, the new one seals, and needsReseal says which", () => {
    useKeys(A);
    const old = seal("secret", "p", "t/1/c");
    const kidA = currentKeyId();
    useKeys(B, A);
    expect(currentKeyId()).not.toBe(kidA);
    expect(unseal(old, "p", "t/1/c")).toBe("secret");
    expect(needsReseal(old)).toBe(true);
    const fresh = seal("secret", "p", "t/1/c");
    expect(needsReseal(fresh)).toBe(false);
    // Once the old key is gone, what it sealed no longer opens (re-encrypt before removing it).
    useKeys(B);
    expect(() => unseal(old, "p", "t/1/c")).toThrow(/not configured/);
  });

  it("opens earlier-format (v1) values only unbound or through the re-encryption", () => {
    useKeys(A);
    const v1 = sealV1("legacy", "merchant-credentials", A);
    expect(unseal(v1, "merchant-credentials")).toBe("legacy");
    expect(() => unseal(v1, "merchant-credentials", "merchants/m1/credentials_enc")).toThrow(/reencrypt/);
    expect(unsealLegacy(v1, "merchant-credentials", "merchants/m1/credentials_enc")).toBe("legacy");
    expect(needsReseal(v1)).toBe(true);
    // v1 under a previous key still opens for the migration.
    useKeys(B, A);
    expect(unsealLegacy(v1, "merchant-credentials", "merchants/m1/credentials_enc")).toBe("legacy");
  });
});
