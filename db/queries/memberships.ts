import { and, asc, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { agentAssignments, memberships, merchants, partners, users } from "@/db/schema";

export async function getActiveUser({ userId }: { userId: string }, db: DbOrTx = getDb()) {
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionVersion: users.sessionVersion,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return u ?? null;
}

export async function getMerchantMembership(
  { userId, merchantId }: { userId: string; merchantId: string },
  db: DbOrTx = getDb(),
) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.merchantId, merchantId)))
    .limit(1);
  return m ?? null;
}

export async function getPartnerMembership(
  { userId, partnerId }: { userId: string; partnerId: string },
  db: DbOrTx = getDb(),
) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.partnerId, partnerId)))
    .limit(1);
  return m ?? null;
}

export async function isAgentAssigned(
  { userId, merchantId }: { userId: string; merchantId: string },
  db: DbOrTx = getDb(),
) {
  const [a] = await db
    .select({ userId: agentAssignments.userId })
    .from(agentAssignments)
    .where(and(eq(agentAssignments.userId, userId), eq(agentAssignments.merchantId, merchantId)))
    .limit(1);
  return a !== undefined;
}

/** Where a user lands after sign-in: their merchants and partners, in a stable order. */
export async function listUserWorkspaces({ userId }: { userId: string }, db: DbOrTx = getDb()) {
  const merchantRows = await db
    .select({ id: merchants.id, name: merchants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(merchants, eq(merchants.id, memberships.merchantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(merchants.name));
  const partnerRows = await db
    .select({ id: partners.id, name: partners.name, role: memberships.role })
    .from(memberships)
    .innerJoin(partners, eq(partners.id, memberships.partnerId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(partners.name));
  return { merchants: merchantRows, partners: partnerRows };
}
