import { randomBytes } from "node:crypto";
import { seal, unseal } from "@/lib/crypto/keys";

/** Endpoint signing secrets, sealed at rest (lib/crypto/keys) and bound to their row and column. */
export const WEBHOOK_SECRET_PURPOSE = "webhook-endpoint-secret";
const PURPOSE = WEBHOOK_SECRET_PURPOSE;

export type WebhookSecretColumn = "secret_enc" | "previous_secret_enc";
type Column = WebhookSecretColumn;

export const webhookSecretBinding = (endpointId: string, column: Column) => `webhook_endpoints/${endpointId}/${column}`;

/** A new secret as shown to the merchant once: `whsec_` + 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sealSecret(secret: string, endpointId: string, column: Column): string {
  return seal(secret, PURPOSE, webhookSecretBinding(endpointId, column));
}

export function currentSecret(row: { id: string; secretEnc: string }): string {
  return unseal(row.secretEnc, PURPOSE, webhookSecretBinding(row.id, "secret_enc"));
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(
  row: { id: string; secretEnc: string; previousSecretEnc: string | null; previousSecretExpiresAt: Date | null },
  now = new Date(),
): string[] {
  const out = [currentSecret(row)];
  if (row.previousSecretEnc && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    out.push(unseal(row.previousSecretEnc, PURPOSE, webhookSecretBinding(row.id, "previous_secret_enc")));
  }
  return out;
}
