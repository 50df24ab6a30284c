import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { lockPendingInvitation } from "@/db/queries/invitations";
import { getMerchantMembership, getPartnerMembership } from "@/db/queries/memberships";
import { getMerchant } from "@/db/queries/merchants";
import { invitations, memberships } from "@/db/schema";
import { isPartnerRole, type MerchantRole, PARTNER_ROLE_IN_MERCHANT, type Role } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { voidPasswordTokens } from "./password-tokens";

/**
 * The invitee's side of a membership invitation: accept (the membership is created now, in the role the invitation
 * names) or decline. Only the invited account can do either: every function takes the signed-in user's id, never
 * an account from the input. An invitation never grants a role above its inviter's — checked when it is made and
 * again here, against the inviter's role at the time of acceptance.
 */

export const ROLE_RANK: Record<MerchantRole, number> = { merchant_staff: 1, merchant_admin: 2 };

const GONE = "This invitation is no longer valid. Ask the business for a new one.";

/** The role a user acts with in a merchant right now (direct membership, or through the partner), or null. */
export async function effectiveMerchantRole(
  db: DbOrTx,
  { userId, merchantId }: { userId: string; merchantId: string },
): Promise<MerchantRole | null> {
  const direct = await getMerchantMembership({ userId, merchantId }, db);
  if (direct && !isPartnerRole(direct.role as Role)) return direct.role as MerchantRole;
  const merchant = await getMerchant({ merchantId }, db);
  if (!merchant) return null;
  const pm = await getPartnerMembership({ userId, partnerId: merchant.partnerId }, db);
  // Agents act as staff and cannot invite anyone, so their assignment does not matter here.
  return pm?.role === "partner_admin" ? PARTNER_ROLE_IN_MERCHANT.partner_admin : null;
}

/** The inviter may still grant this role (still an admin of the merchant, role not above theirs). */
async function inviterStillEntitled(db: DbOrTx, inv: { merchantId: string; invitedBy: string | null; role: string }) {
  if (!inv.invitedBy) return false;
  const role = await effectiveMerchantRole(db, { userId: inv.invitedBy, merchantId: inv.merchantId });
  return role === "merchant_admin" && ROLE_RANK[inv.role as MerchantRole] <= ROLE_RANK[role];
}

/**
 * Turns a pending invitation into a membership inside the caller's transaction (accepting, or setting the password
 * of the account the invitation created). Returns the merchant id.
 */
export async function joinThroughInvitation(
  tx: DbOrTx,
  p: { invitationId: string; userId: string; ip?: string | null },
): Promise<string> {
  const inv = await lockPendingInvitation({ invitationId: p.invitationId, userId: p.userId }, tx);
  if (!inv || inv.expiresAt.getTime() <= Date.now()) throw new UserError("invalid", GONE);
  if (!(await inviterStillEntitled(tx, inv))) throw new UserError("invalid", GONE);
  await tx
    .insert(memberships)
    .values({ userId: p.userId, merchantId: inv.merchantId, role: inv.role })
    .onConflictDoNothing();
  await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
  await voidPasswordTokens(tx, { invitationId: inv.id });
  await writeAudit(tx, {
    actorUserId: p.userId,
    merchantId: inv.merchantId,
    action: "member.joined",
    targetType: "user",
    targetId: p.userId,
    after: { invitationId: inv.id, role: inv.role, invitedBy: inv.invitedBy },
    ip: p.ip && p.ip !== "local" ? p.ip : null,
  });
  return inv.merchantId;
}

export async function acceptInvitation(userId: string, invitationId: string, ip: string | null) {
  return getDb().transaction(async (tx) => ({
    merchantId: await joinThroughInvitation(tx, { invitationId, userId, ip }),
  }));
}

export async function declineInvitation(userId: string, invitationId: string, ip: string | null) {
  await getDb().transaction(async (tx) => {
    const inv = await lockPendingInvitation({ invitationId, userId }, tx);
    if (!inv) throw new UserError("invalid", GONE);
    await tx
      .update(invitations)
      .set({ declinedAt: new Date() })
      .where(and(eq(invitations.id, inv.id), eq(invitations.userId, userId)));
    await voidPasswordTokens(tx, { invitationId: inv.id });
    await writeAudit(tx, {
      actorUserId: userId,
      merchantId: inv.merchantId,
      action: "member.invitation_declined",
      targetType: "user",
      targetId: userId,
      after: { invitationId: inv.id },
      ip: ip && ip !== "local" ? ip : null,
    });
  });
}
