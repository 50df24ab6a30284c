import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Sealing at rest: AES-256-GCM with a key derived from a master key by purpose (HKDF-SHA256), so each use (merchant
 * credentials, partner credentials, TOTP secrets, each sandbox's vault) has its own key and none is stored beside its
 * data.
 *
 * Format `v2.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts):
 * - `kid` names the master key (a fingerprint: HMAC of the key, 6 bytes), so CREDENTIALS_KEY can be rotated: the new
 *   key seals, the old ones (CREDENTIALS_KEY_PREVIOUS) still open what they sealed until `npm run
 *   credentials:reencrypt` (also run on every start) re-seals it;
 * - the associated data binds the ciphertext to its purpose and to the row and column it is stored in
 *   (`merchants/<id>/credentials_enc`): a ciphertext copied into another row or merchant does not open;
 * - the tag is always 16 bytes; a shorter tag (which GCM would otherwise accept as a prefix) is refused.
 *
 * `v1.<iv>.<tag>.<ciphertext>` (no key id, no associated data) is the earlier format: it opens only without a binding
 * (the sandboxes' own data) or through `unsealLegacy`, which the re-encryption uses to migrate bound rows.
 */

const TAG_BYTES = 16;

function masterKeys(): { current: Buffer; all: Buffer[] } {
  const e = env();
  if (!e.CREDENTIALS_KEY) {
    throw new Error("CREDENTIALS_KEY is not set (npm start generates one into .data/secrets.json).");
  }
  const current = Buffer.from(e.CREDENTIALS_KEY, "base64");
  const previous = (e.CREDENTIALS_KEY_PREVIOUS ?? []).map((k) => Buffer.from(k, "base64"));
  return { current, all: [current, ...previous] };
}

/** The fingerprint a sealed value names its master key by (not secret: HMAC of the key, 48 bits). */
export function keyId(master: Buffer): string {
  return createHmac("sha256", master).update("portal-credentials-key-id").digest().subarray(0, 6).toString("base64url");
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), purpose, 32));
}

/** The current master key's purpose key (the sandboxes derive their own secrets from it too). */
export function deriveKey(purpose: string): Buffer {
  return derive(masterKeys().current, purpose);
}

/** The id of the key that seals now. */
export function currentKeyId(): string {
  return keyId(masterKeys().current);
}

function aad(purpose: string, binding: string): Buffer {
  return Buffer.from(`v2|${purpose}|${binding}`, "utf8");
}

const b64 = (b: Buffer) => b.toString("base64url");

/**
 * Seals `plaintext` for `purpose`, bound to `binding` (the row and column it is stored in, e.g.
 * `merchants/<id>/credentials_enc`; empty only for values not stored in a portal row).
 */
export function seal(plaintext: string, purpose: string, binding = ""): string {
  const master = masterKeys().current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(master, purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(purpose, binding));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", keyId(master), b64(iv), b64(cipher.getAuthTag()), b64(ct)].join(".");
}

function open(key: Buffer, iv: string, tag: string, ct: string, associated: Buffer | null): string {
  const tagBytes = Buffer.from(tag, "base64url");
  if (tagBytes.length !== TAG_BYTES) throw new Error("sealed value has a truncated authentication tag");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
  if (associated) decipher.setAAD(associated);
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

function openV1(sealed: string, purpose: string): string {
  const [, iv, tag, ct] = sealed.split(".");
  if (!iv || !tag || ct === undefined) throw new Error("sealed value has an unknown format");
  let last: unknown;
  for (const master of masterKeys().all) {
    try {
      return open(derive(master, purpose), iv, tag, ct, null);
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error("sealed value does not open");
}

/**
 * Opens a value sealed for `purpose` and `binding`. A value sealed for another row, purpose or key, or tampered with,
 * throws. With a binding, only the bound format (v2) opens.
 */
export function unseal(sealed: string, purpose: string, binding = ""): string {
  const parts = sealed.split(".");
  if (parts[0] === "v1" && parts.length === 4) {
    if (binding) throw new Error("sealed value predates row binding: run `npm run credentials:reencrypt`");
    return openV1(sealed, purpose);
  }
  const [v, kid, iv, tag, ct] = parts;
  if (v !== "v2" || !kid || !iv || !tag || ct === undefined || parts.length !== 5) {
    throw new Error("sealed value has an unknown format");
  }
  const master = masterKeys().all.find((m) => keyId(m) === kid);
  if (!master) throw new Error("sealed value names a key that is not configured (CREDENTIALS_KEY_PREVIOUS?)");
  return open(derive(master, purpose), iv, tag, ct, aad(purpose, binding));
}

/** Opens an earlier-format (v1) value, or a v2 one with its binding: for the re-encryption only. */
export function unsealLegacy(sealed: string, purpose: string, binding: string): string {
  return sealed.startsWith("v1.") ? openV1(sealed, purpose) : unseal(sealed, purpose, binding);
}

/** True when the value is not sealed with the current key in the bound format. */
export function needsReseal(sealed: string): boolean {
  const [v, kid] = sealed.split(".");
  return v !== "v2" || kid !== currentKeyId();
}
