import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, getDb } from "@/db/client";
import { invitations, merchants, users } from "@/db/schema";

const pending = and(isNull(invitations.acceptedAt), isNull(invitations.declinedAt), isNull(invitations.revokedAt));
const inviter = alias(users, "inviter");

/** The signed-in user's open invitations (newest first), with the merchant and who invited them. */
export async function listPendingInvitationsForUser({ userId }: { userId: string }, db: DbOrTx = getDb()) {
  return db
    .select({
      id: invitations.id,
      merchantId: invitations.merchantId,
      merchantName: merchants.name,
      role: invitations.role,
      invitedByName: inviter.name,
      invitedByEmail: inviter.email,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(merchants, eq(merchants.id, invitations.merchantId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(and(eq(invitations.userId, userId), pending, gt(invitations.expiresAt, sql`now()`)))
    .orderBy(desc(invitations.createdAt));
}

export async function countPendingInvitationsForUser({ userId }: { userId: string }, db: DbOrTx = getDb()) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.userId, userId), pending, gt(invitations.expiresAt, sql`now()`)));
  return r?.n ?? 0;
}

/** A merchant's open invitations for its team page (no token, no link: those exist only in the invitee's mail). */
export async function listPendingInvitations({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  return db
    .select({
      id: invitations.id,
      userId: invitations.userId,
      email: users.email,
      name: invitations.name,
      role: invitations.role,
      newAccount: invitations.newAccount,
      invitedByName: inviter.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(and(eq(invitations.merchantId, merchantId), pending))
    .orderBy(asc(users.email));
}

/** One open invitation of a merchant, locked for the rest of the transaction. */
export async function lockPendingInvitation(
  where: { merchantId?: string; userId?: string; invitationId?: string },
  db: DbOrTx,
) {
  const conds = [
    pending,
    where.invitationId ? eq(invitations.id, where.invitationId) : undefined,
    where.merchantId ? eq(invitations.merchantId, where.merchantId) : undefined,
    where.userId ? eq(invitations.userId, where.userId) : undefined,
  ];
  const [row] = await db
    .select({
      id: invitations.id,
      merchantId: invitations.merchantId,
      userId: invitations.userId,
      name: invitations.name,
      role: invitations.role,
      newAccount: invitations.newAccount,
      invitedBy: invitations.invitedBy,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(and(...conds))
    .limit(1)
    .for("update");
  return row ?? null;
}
