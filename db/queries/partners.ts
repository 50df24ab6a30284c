import { and, asc, eq, inArray } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { agentAssignments, memberships, merchants, partnerIntegrations, partners, users } from "@/db/schema";

/** The partner's agents (partner_agent memberships). */
export async function listPartnerAgents({ partnerId }: { partnerId: string }, db: DbOrTx = getDb()) {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.partnerId, partnerId), eq(memberships.role, "partner_agent")))
    .orderBy(asc(users.name));
}

/** Agent assignments of the given merchants of one partner. */
export async function listAssignments(
  { partnerId, merchantIds }: { partnerId: string; merchantIds: string[] },
  db: DbOrTx = getDb(),
) {
  if (merchantIds.length === 0) return [];
  return db
    .select({ merchantId: agentAssignments.merchantId, userId: agentAssignments.userId })
    .from(agentAssignments)
    .innerJoin(merchants, eq(merchants.id, agentAssignments.merchantId))
    .where(and(eq(merchants.partnerId, partnerId), inArray(agentAssignments.merchantId, merchantIds)));
}

export async function setAssignment(
  p: { merchantId: string; userId: string; assigned: boolean },
  db: DbOrTx = getDb(),
): Promise<boolean> {
  if (p.assigned) {
    const r = await db
      .insert(agentAssignments)
      .values({ merchantId: p.merchantId, userId: p.userId })
      .onConflictDoNothing()
      .returning({ userId: agentAssignments.userId });
    return r.length > 0;
  }
  const r = await db
    .delete(agentAssignments)
    .where(and(eq(agentAssignments.merchantId, p.merchantId), eq(agentAssignments.userId, p.userId)))
    .returning({ userId: agentAssignments.userId });
  return r.length > 0;
}

export async function getPartnerName(
  { partnerId }: { partnerId: string },
  db: DbOrTx = getDb(),
): Promise<string | null> {
  const [p] = await db.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId)).limit(1);
  return p?.name ?? null;
}

type PartnerIntegrationKey = Pick<typeof partnerIntegrations.$inferSelect, "partnerId" | "provider" | "environment">;

/** The partner's stored integration with one provider in one environment (sealed credentials, saved at), or null. */
export async function getPartnerIntegration(
  { partnerId, provider, environment }: PartnerIntegrationKey,
  db: DbOrTx = getDb(),
) {
  const [row] = await db
    .select({ credentialsEnc: partnerIntegrations.credentialsEnc, createdAt: partnerIntegrations.createdAt })
    .from(partnerIntegrations)
    .where(
      and(
        eq(partnerIntegrations.partnerId, partnerId),
        eq(partnerIntegrations.provider, provider),
        eq(partnerIntegrations.environment, environment),
      ),
    )
    .limit(1);
  return row ?? null;
}
