import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { invoiceLinks } from "@/db/schema";
import { seal, unseal } from "@/lib/crypto/keys";
import { env } from "@/lib/env";

/**
 * Hosted pay links. A token is 256 random bits (base64url, 43 characters); only its SHA-256 is stored, so the
 * database alone opens no invoice. A link expires 90 days after the invoice's due date (or after it was made,
 * for an invoice without one).
 */
export const LINK_VALID_DAYS_AFTER_DUE = 90;
const DAY_MS = 86_400_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function linkExpiry(dueAt: Date | null, now = new Date()): Date {
  return new Date((dueAt ?? now).getTime() + LINK_VALID_DAYS_AFTER_DUE * DAY_MS);
}

export function payUrl(token: string): string {
  return `${env().appUrl}/pay/${token}`;
}

/** HKDF purpose of the key that seals pay-link tokens so the invoice page can show the link again. */
export const LINK_SEAL_PURPOSE = "invoice-pay-link";

/** What a sealed pay-link token is bound to (lib/crypto/keys): its own row, so it opens for no other invoice. */
export function payLinkBinding(row: { merchantId: string; invoiceId: string; tokenHash: string }): string {
  return `invoice_links/${row.merchantId}/${row.invoiceId}/${row.tokenHash}/token_enc`;
}

/**
 * A new link for an invoice. The hash opens the pay page; the sealed token lets the merchant copy the link from the
 * invoice page later (a pay link opens one invoice, it is not an account credential).
 */
export async function createLink(
  db: DbOrTx,
  args: { merchantId: string; invoiceId: string; dueAt: Date | null },
): Promise<{ token: string; url: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = linkExpiry(args.dueAt);
  const tokenHash = hashToken(token);
  await db.insert(invoiceLinks).values({
    merchantId: args.merchantId,
    tokenHash,
    tokenEnc: seal(token, LINK_SEAL_PURPOSE, payLinkBinding({ ...args, tokenHash })),
    invoiceProviderId: args.invoiceId,
    expiresAt,
  });
  return { token, url: payUrl(token), expiresAt };
}

export type ResolvedLink = { merchantId: string; invoiceId: string };

/** The invoice a live link opens, or null for unknown, revoked and expired links alike. */
export async function resolveLink(db: DbOrTx, token: string, now = new Date()): Promise<ResolvedLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({
      merchantId: invoiceLinks.merchantId,
      invoiceId: invoiceLinks.invoiceProviderId,
      expiresAt: invoiceLinks.expiresAt,
    })
    .from(invoiceLinks)
    .where(and(eq(invoiceLinks.tokenHash, hashToken(token)), isNull(invoiceLinks.revokedAt)))
    .limit(1);
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  return { merchantId: row.merchantId, invoiceId: row.invoiceId };
}

export async function revokeLinks(db: DbOrTx, args: { merchantId: string; invoiceId: string }): Promise<void> {
  await db
    .update(invoiceLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invoiceLinks.merchantId, args.merchantId),
        eq(invoiceLinks.invoiceProviderId, args.invoiceId),
        isNull(invoiceLinks.revokedAt),
      ),
    );
}

/** The invoice's newest live link (for the merchant's copy button), or null when there is none to show. */
export async function currentPayLink(
  args: { merchantId: string; invoiceId: string },
  db: DbOrTx = getDb(),
): Promise<{ url: string; expiresAt: Date; createdAt: Date } | null> {
  const [row] = await db
    .select({
      tokenEnc: invoiceLinks.tokenEnc,
      tokenHash: invoiceLinks.tokenHash,
      expiresAt: invoiceLinks.expiresAt,
      createdAt: invoiceLinks.createdAt,
    })
    .from(invoiceLinks)
    .where(
      and(
        eq(invoiceLinks.merchantId, args.merchantId),
        eq(invoiceLinks.invoiceProviderId, args.invoiceId),
        isNull(invoiceLinks.revokedAt),
        isNotNull(invoiceLinks.tokenEnc),
        gt(invoiceLinks.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invoiceLinks.createdAt))
    .limit(1);
  if (!row?.tokenEnc) return null;
  const token = unseal(row.tokenEnc, LINK_SEAL_PURPOSE, payLinkBinding({ ...args, tokenHash: row.tokenHash }));
  return { url: payUrl(token), expiresAt: row.expiresAt, createdAt: row.createdAt };
}
