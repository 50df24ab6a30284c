import { createHash } from "node:crypto";

/**
 * A deterministic UUID (RFC 9562 version 8, name-based over SHA-256) from the parts of a user's
 * intent — e.g. ("invoice", invoiceId, attempt) or ("vt", merchantId, formIntentId). The same intent
 * always yields the same key, so a double click, a retry after a timeout or a second tab reaches the
 * gateway with one idempotency key and charges once. Gateways that require UUID keys accept it.
 */
export function idempotencyKeyFor(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error("idempotencyKeyFor needs at least one part");
  const h = createHash("sha256")
    .update(parts.map((p) => `${String(p).length}:${p}`).join("|"))
    .digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80; // version 8
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
