import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { invitations, passwordTokens, users } from "@/db/schema";

/**
 * One-time password links. A token is 256 random bits (base64url); only its SHA-256 is stored. The rules that keep a
 * link in its recipient's hands (issue 15):
 *  - issuing a token voids every older unused token of the user (a removed invitee's or a superseded link dies);
 *  - a `set_password` token works only while the account has no password, and one that came with an invitation
 *    only while that invitation is pending — it can never take over an account that is in use;
 *  - set-password links live at most 24 hours, reset links 1 hour; each works once.
 */
export const SET_PASSWORD_TTL_MS = 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Voids the user's unused tokens (optionally only those of one invitation). */
export async function voidPasswordTokens(db: DbOrTx, p: { userId?: string; invitationId?: string }): Promise<void> {
  const scope = [
    p.userId ? eq(passwordTokens.userId, p.userId) : undefined,
    p.invitationId ? eq(passwordTokens.invitationId, p.invitationId) : undefined,
  ].filter(Boolean) as SQL[];
  if (scope.length === 0) throw new Error("voidPasswordTokens needs a user or an invitation");
  await db
    .update(passwordTokens)
    .set({ usedAt: new Date() })
    .where(and(...scope, isNull(passwordTokens.usedAt)));
}

/** A new one-time token (older ones of the user are voided first). Returns the raw token once. */
export async function issuePasswordToken(
  db: DbOrTx,
  p: { userId: string; purpose: "set_password" | "reset_password"; ttlMs?: number; invitationId?: string | null },
): Promise<{ token: string; expiresAt: Date; id: string }> {
  const ttl = Math.min(p.ttlMs ?? SET_PASSWORD_TTL_MS, SET_PASSWORD_TTL_MS);
  await voidPasswordTokens(db, { userId: p.userId });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttl);
  const [row] = await db
    .insert(passwordTokens)
    .values({
      userId: p.userId,
      tokenHash: hashToken(token),
      purpose: p.purpose,
      expiresAt,
      invitationId: p.invitationId ?? null,
    })
    .returning({ id: passwordTokens.id });
  return { token, expiresAt, id: row!.id };
}

/** The conditions under which a token still works (see the module header). */
function usable(token: string) {
  return and(
    eq(passwordTokens.tokenHash, hashToken(token)),
    isNull(passwordTokens.usedAt),
    gt(passwordTokens.expiresAt, sql`now()`),
    sql`exists (select 1 from ${users} u where u.id = ${passwordTokens.userId} and not u.disabled
      and (${passwordTokens.purpose} = 'reset_password' or u.password_hash is null))`,
    or(
      isNull(passwordTokens.invitationId),
      sql`exists (select 1 from ${invitations} i where i.id = ${passwordTokens.invitationId}
        and i.accepted_at is null and i.declined_at is null and i.revoked_at is null and i.expires_at > now())`,
    ),
  );
}

/** The unused, unexpired token's user (for the page: does this link still work?). */
export async function findUsableToken(token: string, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({
      id: passwordTokens.id,
      userId: passwordTokens.userId,
      purpose: passwordTokens.purpose,
      invitationId: passwordTokens.invitationId,
      email: users.email,
    })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(usable(token))
    .limit(1);
  return row ?? null;
}

/** Marks the token used, atomically: of two concurrent uses only one gets the row back. */
export async function consumeToken(db: DbOrTx, token: string) {
  const [row] = await db.update(passwordTokens).set({ usedAt: new Date() }).where(usable(token)).returning({
    id: passwordTokens.id,
    userId: passwordTokens.userId,
    purpose: passwordTokens.purpose,
    invitationId: passwordTokens.invitationId,
  });
  return row ?? null;
}
