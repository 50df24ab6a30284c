import { getDb } from "@/db/client";
import { getPartnerMembership } from "@/db/queries/memberships";
import { getMerchant } from "@/db/queries/merchants";
import { setAssignment } from "@/db/queries/partners";
import { NotFound } from "@/lib/auth/errors";
import type { PartnerContext } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";

/** Assigns (or unassigns) one of the partner's agents to one of its merchants; a permission change, so audited. */
export async function assignAgent(
  ctx: PartnerContext,
  p: { merchantId: string; agentUserId: string; assigned: boolean },
): Promise<{ changed: boolean }> {
  const db = getDb();
  const merchant = await getMerchant({ merchantId: p.merchantId }, db);
  if (!merchant || merchant.partnerId !== ctx.partnerId) throw new NotFound();
  const pm = await getPartnerMembership({ userId: p.agentUserId, partnerId: ctx.partnerId }, db);
  if (!pm || pm.role !== "partner_agent")
    throw new UserError("invalid", "Choose one of your partner's agents.", { agentUserId: ["Choose an agent."] });
  return db.transaction(async (tx) => {
    const changed = await setAssignment({ merchantId: p.merchantId, userId: p.agentUserId, assigned: p.assigned }, tx);
    if (changed)
      await writeAudit(tx, {
        actorUserId: ctx.user.id,
        partnerId: ctx.partnerId,
        merchantId: p.merchantId,
        action: p.assigned ? "partner.agent_assigned" : "partner.agent_unassigned",
        targetType: "user",
        targetId: p.agentUserId,
      });
    return { changed };
  });
}
