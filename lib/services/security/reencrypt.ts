import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  elasticPathStores,
  invoiceLinks,
  mailMessages,
  merchants,
  mfaFactors,
  partnerIntegrations,
  webhookEndpoints,
} from "@/db/schema";
import { needsReseal, seal, unseal, unsealLegacy } from "@/lib/crypto/keys";
import { log } from "@/lib/log";
import { LINK_SEAL_PURPOSE, payLinkBinding } from "@/lib/services/invoices/links";
import { MAIL_SEAL_PURPOSE, mailPayloadBinding } from "@/lib/services/mail/sealing";
import { MFA_SEAL_PURPOSE, mfaSecretBinding } from "@/lib/services/account/mfa";
import { MERCHANT_CREDENTIALS_PURPOSE, merchantCredentialsBinding } from "@/lib/connections/credentials";
import { ELASTIC_PATH_PURPOSE, elasticPathBinding } from "@/lib/connections/elastic-path";
import { PARTNER_CREDENTIALS_PURPOSE, partnerCredentialsBinding } from "@/lib/services/partners/copilot";
import { WEBHOOK_SECRET_PURPOSE, webhookSecretBinding } from "@/lib/services/webhooks/secrets";

/**
 * Re-seals every sealed column of the portal that is not yet under the current key in the row-bound format: rows
 * written before row binding (v1) and rows sealed with a previous key (rotation). Run on every start (lib/cli/runtime)
 * and by `npm run credentials:reencrypt`. Each row is replaced only if it still holds the value that was read, so
 * several instances starting at once do not fight. Returns how many values were re-sealed per column.
 */
export interface ReencryptReport {
  merchantCredentials: number;
  partnerCredentials: number;
  /** Elastic Path stores' access tokens (elastic_path_stores.credentials_enc). */
  elasticPathCredentials: number;
  mfaSecrets: number;
  /** Live pay links' tokens kept for the copy button (expired and revoked ones are never opened again). */
  payLinks: number;
  /** Content of messages not yet delivered (erased once delivered or given up). */
  mailPayloads: number;
  /** Outbound webhook endpoints' signing secrets (current and, during a rotation, previous). */
  webhookSecrets: number;
}

function reseal(value: string, purpose: string, binding: string): string | null {
  if (!needsReseal(value)) return null;
  return seal(unsealLegacy(value, purpose, binding), purpose, binding);
}

/**
 * For the columns mail added (issue 15) before they were bound: their first values are v2 sealed for the purpose
 * only. Opens bound, else unbound, and re-seals bound under the current key; null when nothing is to do. A value that
 * opens neither way (moved in from another row) is left alone — its reads refuse it — and logged.
 */
function resealUnbound(value: string, purpose: string, binding: string): string | null {
  try {
    if (needsReseal(value)) return seal(unsealLegacy(value, purpose, binding), purpose, binding);
    unseal(value, purpose, binding);
    return null;
  } catch {
    try {
      return seal(unsealLegacy(value, purpose, ""), purpose, binding);
    } catch {
      log().warn({ binding }, "sealed value opens neither bound nor unbound; left as it is");
      return null;
    }
  }
}

export async function reencryptSealedColumns(db: DbOrTx): Promise<ReencryptReport> {
  const report: ReencryptReport = {
    merchantCredentials: 0,
    partnerCredentials: 0,
    elasticPathCredentials: 0,
    mfaSecrets: 0,
    payLinks: 0,
    mailPayloads: 0,
    webhookSecrets: 0,
  };

  const ms = await db
    .select({ id: merchants.id, enc: merchants.credentialsEnc })
    .from(merchants)
    .where(isNotNull(merchants.credentialsEnc));
  for (const m of ms) {
    const next = reseal(m.enc as string, MERCHANT_CREDENTIALS_PURPOSE, merchantCredentialsBinding(m.id));
    if (!next) continue;
    const done = await db
      .update(merchants)
      .set({ credentialsEnc: next })
      .where(and(eq(merchants.id, m.id), eq(merchants.credentialsEnc, m.enc as string)))
      .returning({ id: merchants.id });
    report.merchantCredentials += done.length;
  }

  const ps = await db
    .select({
      partnerId: partnerIntegrations.partnerId,
      provider: partnerIntegrations.provider,
      environment: partnerIntegrations.environment,
      enc: partnerIntegrations.credentialsEnc,
    })
    .from(partnerIntegrations);
  for (const p of ps) {
    const binding = partnerCredentialsBinding({ partnerId: p.partnerId, environment: p.environment });
    const next = reseal(p.enc, PARTNER_CREDENTIALS_PURPOSE, binding);
    if (!next) continue;
    const done = await db
      .update(partnerIntegrations)
      .set({ credentialsEnc: next })
      .where(
        and(
          eq(partnerIntegrations.partnerId, p.partnerId),
          eq(partnerIntegrations.provider, p.provider),
          eq(partnerIntegrations.environment, p.environment),
          eq(partnerIntegrations.credentialsEnc, p.enc),
        ),
      )
      .returning({ partnerId: partnerIntegrations.partnerId });
    report.partnerCredentials += done.length;
  }

  const eps = await db
    .select({ id: elasticPathStores.id, enc: elasticPathStores.credentialsEnc })
    .from(elasticPathStores);
  for (const e of eps) {
    const next = reseal(e.enc, ELASTIC_PATH_PURPOSE, elasticPathBinding(e.id));
    if (!next) continue;
    const done = await db
      .update(elasticPathStores)
      .set({ credentialsEnc: next })
      .where(and(eq(elasticPathStores.id, e.id), eq(elasticPathStores.credentialsEnc, e.enc)))
      .returning({ id: elasticPathStores.id });
    report.elasticPathCredentials += done.length;
  }

  const fs = await db.select({ userId: mfaFactors.userId, enc: mfaFactors.secretEnc }).from(mfaFactors);
  for (const f of fs) {
    const next = reseal(f.enc, MFA_SEAL_PURPOSE, mfaSecretBinding(f.userId));
    if (!next) continue;
    const done = await db
      .update(mfaFactors)
      .set({ secretEnc: next })
      .where(and(eq(mfaFactors.userId, f.userId), eq(mfaFactors.secretEnc, f.enc)))
      .returning({ userId: mfaFactors.userId });
    report.mfaSecrets += done.length;
  }

  const links = await db
    .select({
      merchantId: invoiceLinks.merchantId,
      invoiceId: invoiceLinks.invoiceProviderId,
      tokenHash: invoiceLinks.tokenHash,
      enc: invoiceLinks.tokenEnc,
    })
    .from(invoiceLinks)
    .where(
      and(isNotNull(invoiceLinks.tokenEnc), isNull(invoiceLinks.revokedAt), gt(invoiceLinks.expiresAt, sql`now()`)),
    );
  for (const l of links) {
    const next = resealUnbound(l.enc as string, LINK_SEAL_PURPOSE, payLinkBinding(l));
    if (!next) continue;
    const done = await db
      .update(invoiceLinks)
      .set({ tokenEnc: next })
      .where(and(eq(invoiceLinks.tokenHash, l.tokenHash), eq(invoiceLinks.tokenEnc, l.enc as string)))
      .returning({ tokenHash: invoiceLinks.tokenHash });
    report.payLinks += done.length;
  }

  const queued = await db
    .select({ id: mailMessages.id, enc: mailMessages.payloadEnc })
    .from(mailMessages)
    .where(isNotNull(mailMessages.payloadEnc));
  for (const m of queued) {
    const next = resealUnbound(m.enc as string, MAIL_SEAL_PURPOSE, mailPayloadBinding(m.id));
    if (!next) continue;
    const done = await db
      .update(mailMessages)
      .set({ payloadEnc: next })
      .where(and(eq(mailMessages.id, m.id), eq(mailMessages.payloadEnc, m.enc as string)))
      .returning({ id: mailMessages.id });
    report.mailPayloads += done.length;
  }

  const hooks = await db
    .select({ id: webhookEndpoints.id, enc: webhookEndpoints.secretEnc, prev: webhookEndpoints.previousSecretEnc })
    .from(webhookEndpoints);
  for (const h of hooks) {
    const next = reseal(h.enc, WEBHOOK_SECRET_PURPOSE, webhookSecretBinding(h.id, "secret_enc"));
    const prev = h.prev
      ? reseal(h.prev, WEBHOOK_SECRET_PURPOSE, webhookSecretBinding(h.id, "previous_secret_enc"))
      : null;
    if (!next && !prev) continue;
    const done = await db
      .update(webhookEndpoints)
      .set({ secretEnc: next ?? h.enc, previousSecretEnc: prev ?? h.prev })
      .where(and(eq(webhookEndpoints.id, h.id), eq(webhookEndpoints.secretEnc, h.enc)))
      .returning({ id: webhookEndpoints.id });
    report.webhookSecrets += done.length * ((next ? 1 : 0) + (prev ? 1 : 0));
  }
  return report;
}
