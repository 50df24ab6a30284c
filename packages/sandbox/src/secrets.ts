import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { sandboxMasterKey } from "./config";

/**
 * The sandboxes' keys and sealed values: one key per purpose (HKDF-SHA256 of the sandbox master key), AES-256-GCM
 * values written as `v1.<iv>.<tag>.<ciphertext>` in base64url — the format every sandbox table already holds.
 */
export function deriveKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", sandboxMasterKey(), Buffer.alloc(0), purpose, 32));
}

export function seal(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${[iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".")}`;
}

export function unseal(sealed: string, purpose: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") throw new Error("sealed value has an unknown format");
  const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(purpose), iv);
  decipher.setAuthTag(tag);
  return decipher.update(body, undefined, "utf8") + decipher.final("utf8");
}
