import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { memberships, mfaFactors, users } from "@/db/schema";

/** Roles that must enrol a second factor when REQUIRE_ADMIN_MFA is on, and that see the enrol banner. */
export const ADMIN_ROLES = ["partner_admin", "merchant_admin"] as const;

/** True when the user holds an admin role somewhere and has no enabled second factor. */
export async function isAdminWithoutMfa(userId: string, db: DbOrTx = getDb()): Promise<boolean> {
  const admin = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.role, [...ADMIN_ROLES])));
  const factor = db
    .select({ one: sql`1` })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.enabledAt)));
  const r = await db.execute<{ v: boolean }>(sql`select (exists ${admin}) and not (exists ${factor}) as v`);
  return r.rows[0]?.v === true;
}

/** How long a new account goes without the enrol reminder: its first sign-in is about the product, not this. */
export const MFA_REMINDER_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * True when the enrol banner should show: an admin without a second factor whose account is past its first day
 * (a brand-new merchant's first sign-in is not greeted by a security nag). Enforcement (REQUIRE_ADMIN_MFA) does not
 * use this grace.
 */
export async function shouldRemindMfa(userId: string, now = new Date(), db: DbOrTx = getDb()): Promise<boolean> {
  const [u] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  if (!u || now.getTime() - u.createdAt.getTime() < MFA_REMINDER_GRACE_MS) return false;
  return isAdminWithoutMfa(userId, db);
}

/** True when the user has an enabled second factor. */
export async function hasMfa(userId: string, db: DbOrTx = getDb()): Promise<boolean> {
  const [f] = await db
    .select({ userId: mfaFactors.userId })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.enabledAt)));
  return !!f;
}
