"use server";

import { merchantAction, revalidate } from "@/lib/actions/safe-action";
import { updateMerchantProfile } from "@/lib/services/settings/profile";
import {
  changeMemberRole,
  inviteMember,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from "@/lib/services/settings/team";
import {
  changeMemberRoleSchema,
  invitationRefSchema,
  inviteMemberSchema,
  removeMemberSchema,
  updateProfileSchema,
} from "@/lib/validations/settings";

/** Settings hub: the merchant profile and the team. Each change writes an audit row (lib/services/settings). */

function refresh(path: string, type?: "layout") {
  revalidate(type ? { layout: path } : path);
}

export const updateProfileAction = merchantAction("settings:manage", updateProfileSchema, async (ctx, input) => {
  const { merchantId: _, ...profile } = input;
  await updateMerchantProfile(ctx, profile);
  refresh(`/m/${ctx.merchant.id}`, "layout");
  return { name: input.name };
});

export const inviteMemberAction = merchantAction("team:manage", inviteMemberSchema, async (ctx, input) => {
  const r = await inviteMember(ctx, input);
  refresh(`/m/${ctx.merchant.id}/settings`);
  return { userId: r.userId, email: input.email, newAccount: r.newAccount };
});

export const resendInvitationAction = merchantAction("team:manage", invitationRefSchema, async (ctx, input) => {
  const r = await resendInvitation(ctx, input.invitationId);
  refresh(`/m/${ctx.merchant.id}/settings`);
  return r;
});

export const revokeInvitationAction = merchantAction("team:manage", invitationRefSchema, async (ctx, input) => {
  await revokeInvitation(ctx, input.invitationId);
  refresh(`/m/${ctx.merchant.id}/settings`);
  return { invitationId: input.invitationId };
});

export const changeMemberRoleAction = merchantAction("team:manage", changeMemberRoleSchema, async (ctx, input) => {
  await changeMemberRole(ctx, input.userId, input.role);
  refresh(`/m/${ctx.merchant.id}/settings`);
  return { userId: input.userId, role: input.role };
});

export const removeMemberAction = merchantAction("team:manage", removeMemberSchema, async (ctx, input) => {
  await removeMember(ctx, input.userId);
  refresh(`/m/${ctx.merchant.id}/settings`);
  return { userId: input.userId };
});
