"use server";

import { actionClientIp } from "@/lib/auth/request";
import { acceptInvitation, declineInvitation } from "@/lib/services/users/invitations";
import { invitationAnswerInput as invitationInput } from "@/lib/validations/account";
import { revalidate, userAction } from "./safe-action";

/**
 * The invitee's answers to a membership invitation. The guard is the session: only the invited account (the one
 * signed in) can accept or decline it — an invitation id of someone else's invitation is "no longer valid".
 */

export const acceptInvitationAction = userAction(invitationInput, async ({ user }, { invitationId }) => {
  const ip = await actionClientIp();
  const r = await acceptInvitation(user.id, invitationId, ip === "local" ? null : ip);
  revalidate({ layout: "/" });
  return r;
});

export const declineInvitationAction = userAction(invitationInput, async ({ user }, { invitationId }) => {
  const ip = await actionClientIp();
  await declineInvitation(user.id, invitationId, ip === "local" ? null : ip);
  revalidate({ layout: "/" });
  return { invitationId };
});
