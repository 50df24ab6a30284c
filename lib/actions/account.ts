"use server";

import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { reissueSession } from "@/lib/auth/reissue";
import { actionClientIp } from "@/lib/auth/request";
import { fieldError } from "@/lib/errors";
import {
  confirmEnrolment,
  disableMfa,
  type Enrolment,
  getMfaStatus,
  regenerateRecoveryCodes,
  startEnrolment,
  verifySecondFactor,
} from "@/lib/services/account/mfa";
import { changePassword, confirmPassword, signOutEverywhere } from "@/lib/services/account/password";
import { getDb } from "@/db/client";
import { changePasswordInput, confirmMfaInput, emptyInput, stepUpInput } from "@/lib/validations/account";
import { userAction } from "./safe-action";

/** Actions on the signed-in user's own account; each acts on the session's user, never an id from input. */

const ipOrNull = (ip: string) => (ip === "local" ? null : ip);

/**
 * Re-proves the user for a change of the second factor: a current code (TOTP or recovery) or the password.
 * Wrong answers count against the sign-in throttle.
 */
async function stepUp(userId: string, input: { code: string; password: string }, ip: string) {
  if (input.password) {
    await confirmPassword(userId, input.password, ip);
    return;
  }
  const how = await getDb().transaction((tx) => verifySecondFactor(tx, userId, input.code, ipOrNull(ip)));
  if (!how) throw fieldError("code", "That code is not right. Enter a current code, or use your password instead.");
}

export const startMfaEnrolmentAction = userAction(emptyInput, async ({ user }): Promise<Enrolment> => {
  return startEnrolment(user.id);
});

/**
 * Enrolment rotates the session: every earlier session ends and this one is re-issued under the new version (the
 * page re-renders with the new cookie: lib/auth/session.ts reads it from the action's own cookie writes).
 */
export const confirmMfaEnrolmentAction = userAction(confirmMfaInput, async ({ user }, { code }) => {
  const { recoveryCodes, ticket } = await confirmEnrolment(user.id, code, ipOrNull(await actionClientIp()));
  await reissueSession(ticket);
  return { recoveryCodes };
});

export const disableMfaAction = userAction(stepUpInput, async ({ user }, input) => {
  const ip = await actionClientIp();
  if (!(await getMfaStatus(user.id)).enabled) return { disabled: true as const };
  await stepUp(user.id, input, ip);
  const ticket = await disableMfa(user.id, ipOrNull(ip));
  await reissueSession(ticket);
  return { disabled: true as const };
});

export const regenerateRecoveryCodesAction = userAction(stepUpInput, async ({ user }, input) => {
  const ip = await actionClientIp();
  await stepUp(user.id, input, ip);
  return { recoveryCodes: await regenerateRecoveryCodes(user.id, ipOrNull(ip)) };
});

/**
 * Every other session of the user ends (session_version bumped); this one is re-issued under the new
 * version through a one-time server-side ticket, so the person who changed it stays signed in.
 */
export const changePasswordAction = userAction(changePasswordInput, async ({ user }, input) => {
  const ticket = await changePassword(user.id, input, await actionClientIp());
  await signIn("credentials", { ticket, redirect: false });
  // A fresh request carries the re-issued cookie (a re-render inside this response would still see the old one).
  redirect("/account/security?password=changed");
});

/** Ends every session, this one included; the browser then goes to sign-in (the form navigates on success). */
export const signOutEverywhereAction = userAction(emptyInput, async ({ user }) => {
  await signOutEverywhere(user.id, await actionClientIp());
  // The session_version bump already ended this session; clearing its cookie is tidiness (no request: nothing to clear).
  await signOut({ redirect: false }).catch(() => undefined);
  return { signedOut: true as const };
});
