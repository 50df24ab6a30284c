import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * # Verifying the portal's webhooks (the recipe documented to merchants in docs/webhooks.md and in Settings)
 *
 * Every request carries
 * - `Portal-Event-Id`: the event id — the same on every retry and resend; store it and ignore a repeat;
 * - `Portal-Timestamp`: Unix seconds when this attempt was signed;
 * - `Portal-Signature`: `v1=<hex>` — HMAC-SHA256, keyed by the endpoint's secret, over `<timestamp>.<raw body>`.
 *   While a rotated secret's overlap lasts, one `v1=` per secret, comma-separated; any one matching is enough.
 *
 * Reject a request whose signature matches none, or whose timestamp is more than the tolerance (5 minutes) away
 * from your clock: a captured request replayed later fails that check, because changing the timestamp breaks the
 * signature. Compare in constant time, over the raw body bytes (not re-serialised JSON).
 */

export const SIGNATURE_HEADER = "Portal-Signature";
export const TIMESTAMP_HEADER = "Portal-Timestamp";
export const EVENT_ID_HEADER = "Portal-Event-Id";
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `v1=<hex>` of one secret. */
export function signatureFor(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The Portal-Signature header value for the secrets that sign now (the current one first). */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return secrets.map((s) => `v1=${signatureFor(s, timestamp, body)}`).join(",");
}

export type VerifyResult =
  { ok: true } | { ok: false; reason: "missing-header" | "bad-timestamp" | "too-old" | "too-new" | "no-match" };

/**
 * What a merchant's receiver runs (copy it; it needs only node:crypto). `now` in Unix seconds for tests.
 */
export function verifyWebhookSignature(args: {
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  secret: string;
  toleranceSeconds?: number;
  now?: number;
}): VerifyResult {
  const { body, timestamp, signature, secret } = args;
  if (!timestamp || !signature) return { ok: false, reason: "missing-header" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad-timestamp" };
  const ts = Number(timestamp);
  const now = args.now ?? Math.floor(Date.now() / 1000);
  const tolerance = args.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (now - ts > tolerance) return { ok: false, reason: "too-old" };
  if (ts - now > tolerance) return { ok: false, reason: "too-new" };
  const expected = Buffer.from(signatureFor(secret, ts, body), "hex");
  const candidates = signature
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.startsWith("v1="))
    .map((p) => Buffer.from(p.slice(3), "hex"));
  const match = candidates.some((c) => c.length === expected.length && timingSafeEqual(c, expected));
  return match ? { ok: true } : { ok: false, reason: "no-match" };
}
