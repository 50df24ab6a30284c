import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { lockPendingInvitation } from "@/db/queries/invitations";
import { findUserByEmail, getMember, lockMembers } from "@/db/queries/team";
import { invitations, memberships, users } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { fieldError, UserError } from "@/lib/errors";
import { appLink, enqueueMail } from "@/lib/services/mail/send";
import { writeAudit } from "@/lib/services/audit/write";
import { ROLE_RANK } from "@/lib/services/users/invitations";
import { issuePasswordToken, voidPasswordTokens } from "@/lib/services/users/password-tokens";
import type { InviteMemberInput, MemberRole } from "@/lib/validations/settings";

/**
 * Team changes of one merchant: invite, change role, remove, revoke or resend an invitation. Each runs in one
 * transaction that first locks the merchant's memberships (so the "at least one admin" rule holds under
 * concurrency) and writes its audit row.
 *
 * Invitations cannot hijack an account (issue 15): an address that already has an account gets a *membership
 * invitation* — no password link exists; the invitee signs in as themselves and accepts (lib/services/users/
 * invitations.ts). Only an address without an account gets a new account and a set-password link, and that link
 * is mailed to the address itself (never shown to the inviter), works once, for 24 hours, only while the account
 * has no password and only while the invitation is pending. Nobody can invite or promote above their own role.
 */

const LAST_ADMIN = "A merchant needs at least one admin. Make someone else an admin first.";
/** How long a membership invitation stays open (a new account's password link itself lasts 24 hours). */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const ROLE_WORDS: Record<MemberRole, string> = { merchant_admin: "an admin", merchant_staff: "a staff member" };

function adminCount(rows: { role: string }[]): number {
  return rows.filter((r) => r.role === "merchant_admin").length;
}

function assertRoleWithinOwn(ctx: MerchantContext, role: MemberRole) {
  if (ROLE_RANK[role] > ROLE_RANK[ctx.role]) throw fieldError("role", "You can't give anyone a role above your own.");
}

/** Mails the invitation: a set-password link to a new account, or a "sign in and accept" note to an existing one. */
async function mailInvitation(
  tx: DbOrTx,
  ctx: MerchantContext,
  inv: { id: string; userId: string; email: string; name: string; role: MemberRole; newAccount: boolean },
) {
  const common = {
    to: inv.email,
    merchantId: ctx.merchant.id,
    userId: inv.userId,
    reference: inv.id,
  };
  if (inv.newAccount) {
    const { token, expiresAt, id } = await issuePasswordToken(tx, {
      userId: inv.userId,
      purpose: "set_password",
      invitationId: inv.id,
    });
    await enqueueMail(
      {
        ...common,
        template: "set-password",
        idempotencyKey: `set-password:${id}`,
        props: {
          name: inv.name,
          inviterName: ctx.user.name,
          merchantName: ctx.merchant.name,
          roleLabel: ROLE_WORDS[inv.role],
          setPasswordUrl: appLink(`/set-password/${token}`),
          expiresAt: expiresAt.toISOString(),
        },
      },
      tx,
    );
    return;
  }
  await enqueueMail(
    {
      ...common,
      template: "invitation",
      idempotencyKey: `invitation:${inv.id}:${Date.now()}`,
      props: {
        inviteeName: inv.name,
        inviterName: ctx.user.name,
        merchantName: ctx.merchant.name,
        roleLabel: ROLE_WORDS[inv.role],
        invitationsUrl: appLink("/account/invitations"),
        forgotPasswordUrl: appLink("/forgot-password"),
      },
    },
    tx,
  );
}

/** Invites a person to the team (see the module header). */
export async function inviteMember(
  ctx: MerchantContext,
  input: InviteMemberInput,
): Promise<{ userId: string; invitationId: string; newAccount: boolean }> {
  assertRoleWithinOwn(ctx, input.role);
  const merchantId = ctx.merchant.id;
  return getDb().transaction(async (tx) => {
    await lockMembers({ merchantId }, tx);
    let user = await findUserByEmail({ email: input.email }, tx);
    if (user && (await getMember({ merchantId, userId: user.id }, tx))) {
      throw fieldError("email", `${input.email} is already on this team.`);
    }
    let newAccount = false;
    if (!user) {
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name })
        .onConflictDoNothing()
        .returning({ id: users.id, name: users.name, email: users.email });
      // Lost a race with another invitation of the same address: that account exists now, so invite it as one.
      newAccount = !!created;
      user = created ? { ...created, hasPassword: false } : await findUserByEmail({ email: input.email }, tx);
      if (!user) throw new UserError("conflict", "That person could not be invited. Try again.");
    }
    if (await lockPendingInvitation({ merchantId, userId: user.id }, tx)) {
      throw fieldError("email", `${input.email} already has an open invitation. Resend or revoke it below.`);
    }
    const [inv] = await tx
      .insert(invitations)
      .values({
        merchantId,
        userId: user.id,
        name: input.name,
        role: input.role,
        newAccount,
        invitedBy: ctx.user.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: invitations.id });
    await mailInvitation(tx, ctx, {
      id: inv!.id,
      userId: user.id,
      email: user.email,
      name: input.name,
      role: input.role,
      newAccount,
    });
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId,
      action: "member.invited",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, name: input.name, role: input.role, invitationId: inv!.id, newAccount },
    });
    return { userId: user.id, invitationId: inv!.id, newAccount };
  });
}

/** Sends an open invitation again; a new account gets a fresh set-password link (the older one stops working). */
export async function resendInvitation(ctx: MerchantContext, invitationId: string): Promise<{ email: string }> {
  const merchantId = ctx.merchant.id;
  return getDb().transaction(async (tx) => {
    await lockMembers({ merchantId }, tx);
    const inv = await lockPendingInvitation({ merchantId, invitationId }, tx);
    if (!inv) throw new UserError("invalid", "That invitation is no longer open.");
    assertRoleWithinOwn(ctx, inv.role as MemberRole);
    const [u] = await tx
      .select({ email: users.email, hasPassword: users.passwordHash })
      .from(users)
      .where(eq(users.id, inv.userId));
    if (!u) throw new UserError("invalid", "That invitation is no longer open.");
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    await tx.update(invitations).set({ expiresAt, invitedBy: ctx.user.id }).where(eq(invitations.id, inv.id));
    await mailInvitation(tx, ctx, {
      id: inv.id,
      userId: inv.userId,
      email: u.email,
      name: inv.name,
      role: inv.role as MemberRole,
      // Once the account has a password it is an existing account like any other: no link, sign in and accept.
      newAccount: inv.newAccount && !u.hasPassword,
    });
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId,
      action: "member.invitation_resent",
      targetType: "user",
      targetId: inv.userId,
      after: { invitationId: inv.id, email: u.email },
    });
    return { email: u.email };
  });
}

/** Withdraws an open invitation; its set-password link stops working at once. */
export async function revokeInvitation(ctx: MerchantContext, invitationId: string): Promise<void> {
  const merchantId = ctx.merchant.id;
  await getDb().transaction(async (tx) => {
    await lockMembers({ merchantId }, tx);
    const inv = await lockPendingInvitation({ merchantId, invitationId }, tx);
    if (!inv) throw new UserError("invalid", "That invitation is no longer open.");
    await revokeLocked(tx, ctx, inv);
  });
}

async function revokeLocked(tx: DbOrTx, ctx: MerchantContext, inv: { id: string; userId: string; role: string }) {
  await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, inv.id));
  await voidPasswordTokens(tx, { invitationId: inv.id });
  await writeAudit(tx, {
    actorUserId: ctx.user.id,
    merchantId: ctx.merchant.id,
    action: "member.invitation_revoked",
    targetType: "user",
    targetId: inv.userId,
    before: { invitationId: inv.id, role: inv.role },
  });
}

export async function changeMemberRole(ctx: MerchantContext, userId: string, role: MemberRole): Promise<void> {
  assertRoleWithinOwn(ctx, role);
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

/** Removes a member (access ends at once), or withdraws the open invitation of someone who has not joined yet. */
export async function removeMember(ctx: MerchantContext, userId: string): Promise<void> {
  const merchantId = ctx.merchant.id;
  await getDb().transaction(async (tx) => {
    const rows = await lockMembers({ merchantId }, tx);
    const member = rows.find((r) => r.userId === userId);
    if (!member) {
      const inv = await lockPendingInvitation({ merchantId, userId }, tx);
      if (!inv) throw new UserError("invalid", "That person is not on this team.");
      await revokeLocked(tx, ctx, inv);
      return;
    }
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
