import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Keys derived from the one CREDENTIALS_KEY by purpose (HKDF-SHA256), so each use
 * (merchant credentials, each sandbox's vault) has its own key and none is stored beside its data.
 */
export function deriveKey(purpose: string): Buffer {
  const master = env().CREDENTIALS_KEY;
  if (!master) throw new Error("CREDENTIALS_KEY is not set (npm start generates one into .data/secrets.json).");
  return Buffer.from(hkdfSync("sha256", Buffer.from(master, "base64"), Buffer.alloc(0), purpose, 32));
}

/** AES-256-GCM: returns `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function seal(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function unseal(sealed: string, purpose: string): string {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("sealed value has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
