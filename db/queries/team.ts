import { and, asc, eq, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { memberships, users } from "@/db/schema";

/** A merchant's own team: users with a membership on it (partner users acting through the partner are not listed). */
export async function listMembers({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
      disabled: users.disabled,
      /** No password yet: the invitation link has not been used. */
      pending: sql<boolean>`${users.passwordHash} is null`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.merchantId, merchantId))
    .orderBy(asc(users.name), asc(users.email));
}

/**
 * The merchant's memberships, locked until the transaction ends: team changes of one merchant run one at a time,
 * so two admins removing each other can never leave it without an admin.
 */
export async function lockMembers({ merchantId }: { merchantId: string }, db: DbOrTx = getDb()) {
  return db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.merchantId, merchantId))
    .for("update");
}

export async function findUserByEmail({ email }: { email: string }, db: DbOrTx = getDb()) {
  const [u] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return u ?? null;
}

export async function getMember({ merchantId, userId }: { merchantId: string; userId: string }, db: DbOrTx = getDb()) {
  const [m] = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.merchantId, merchantId), eq(memberships.userId, userId)))
    .limit(1);
  return m ?? null;
}
