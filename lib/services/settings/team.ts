import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insertOutbox } from "@/db/queries/outbox";
import { findUserByEmail, getMember, lockMembers } from "@/db/queries/team";
import { memberships, users } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { fieldError, UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { issuePasswordToken } from "@/lib/services/users/password-tokens";
import type { InviteMemberInput, MemberRole } from "@/lib/validations/settings";

/**
 * Team changes of one merchant: invite, change role, remove. Each runs in one transaction that first locks the
 * merchant's memberships (so the "at least one admin" rule holds under concurrency) and writes its audit row.
 */

const LAST_ADMIN = "A merchant needs at least one admin. Make someone else an admin first.";

function adminCount(rows: { role: string }[]): number {
  return rows.filter((r) => r.role === "merchant_admin").length;
}

/**
 * Adds a person to the team. A new person becomes a user without a password and gets a one-time set-password link
 * in the outbox; an existing user without a password gets a fresh link; one with a password is told by email.
 */
export async function inviteMember(ctx: MerchantContext, input: InviteMemberInput): Promise<{ userId: string }> {
  const merchantId = ctx.merchant.id;
  return getDb().transaction(async (tx) => {
    await lockMembers({ merchantId }, tx);
    let user = await findUserByEmail({ email: input.email }, tx);
    if (user && (await getMember({ merchantId, userId: user.id }, tx))) {
      throw fieldError("email", `${input.email} is already on this team.`);
    }
    if (!user) {
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name })
        .onConflictDoNothing()
        .returning({ id: users.id, name: users.name, email: users.email });
      // Lost a race with another invitation of the same address: use the user it created.
      user = created ? { ...created, hasPassword: false } : await findUserByEmail({ email: input.email }, tx);
      if (!user) throw new UserError("conflict", "That person could not be added. Try again.");
    }
    await tx.insert(memberships).values({ userId: user.id, merchantId, role: input.role });

    const who = ROLE_WORDS[input.role];
    let linkSent = false;
    if (!user.hasPassword) {
      const { token, expiresAt } = await issuePasswordToken(tx, { userId: user.id, purpose: "set_password" });
      const link = `${env().appUrl}/set-password/${token}`;
      await insertOutbox(
        [
          {
            merchantId,
            channel: "email",
            to: user.email,
            subject: `You're invited to ${ctx.merchant.name} on the merchant portal`,
            body:
              `Hello ${input.name},\n\n${ctx.user.name} invited you to ${ctx.merchant.name} as ${who}. ` +
              `Set your password to sign in:\n\n${link}\n\nThis link works once and expires on ${expiresAt.toUTCString()}.`,
            topic: "team.invited",
            reference: user.id,
          },
        ],
        tx,
      );
      linkSent = true;
    } else {
      await insertOutbox(
        [
          {
            merchantId,
            channel: "email",
            to: user.email,
            subject: `You now have access to ${ctx.merchant.name}`,
            body: `Hello ${user.name},\n\n${ctx.user.name} added you to ${ctx.merchant.name} as ${who}. Sign in at ${env().appUrl}/login.`,
            topic: "team.invited",
            reference: user.id,
          },
        ],
        tx,
      );
    }
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId,
      action: "member.invited",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, name: input.name, role: input.role, setPasswordLinkSent: linkSent },
    });
    return { userId: user.id };
  });
}

const ROLE_WORDS: Record<MemberRole, string> = { merchant_admin: "an admin", merchant_staff: "a staff member" };

export async function changeMemberRole(ctx: MerchantContext, userId: string, role: MemberRole): Promise<void> {
  const merchantId = ctx.merchant.id;
  await getDb().transaction(async (tx) => {
    const rows = await lockMembers({ merchantId }, tx);
    const member = rows.find((r) => r.userId === userId);
    if (!member) throw new UserError("invalid", "That person is not on this team.");
    if (userId === ctx.user.id) throw new UserError("invalid", "You cannot change your own role. Ask another admin.");
    if (member.role === role) return;
    if (member.role === "merchant_admin" && adminCount(rows) <= 1) throw new UserError("invalid", LAST_ADMIN);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.merchantId, merchantId), eq(memberships.userId, userId)));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      before: { role: member.role },
      after: { role },
    });
  });
}

export async function removeMember(ctx: MerchantContext, userId: string): Promise<void> {
  const merchantId = ctx.merchant.id;
  await getDb().transaction(async (tx) => {
    const rows = await lockMembers({ merchantId }, tx);
    const member = rows.find((r) => r.userId === userId);
    if (!member) throw new UserError("invalid", "That person is not on this team.");
    if (userId === ctx.user.id) throw new UserError("invalid", "You cannot remove yourself. Ask another admin.");
    if (member.role === "merchant_admin" && adminCount(rows) <= 1) throw new UserError("invalid", LAST_ADMIN);
    const m = await getMember({ merchantId, userId }, tx);
    // The guard reads the membership on every request, so access ends with this delete.
    await tx.delete(memberships).where(and(eq(memberships.merchantId, merchantId), eq(memberships.userId, userId)));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId,
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      before: { email: m?.email, name: m?.name, role: member.role },
    });
  });
}
