"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { clearChallengeCookie, readChallengeCookie } from "@/lib/auth/mfa-cookie";
import { actionClientIp } from "@/lib/auth/request";
import { UserError } from "@/lib/errors";
import { ChallengeExpired, completeMfaChallenge } from "@/lib/services/account/sign-in";
import { mfaCodeInput } from "@/lib/validations/account";
import { signInSchema } from "@/lib/validations/auth";
import { publicAction } from "./safe-action";

const codeOf = (err: unknown) => (err as AuthError & { code?: string }).code;

export const signInAction = publicAction(
  "signs the caller in; throttled per account and IP",
  signInSchema,
  async (input): Promise<{ mfa: true }> => {
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    } catch (err) {
      if (err instanceof AuthError) {
        if (codeOf(err) === "throttled") {
          throw new UserError("rate_limited", "Too many failed attempts. Try again in 15 minutes.");
        }
        // The password was right; the form asks for the second factor next.
        if (codeOf(err) === "mfa_required") return { mfa: true };
        throw new UserError("invalid", "Email or password is incorrect.");
      }
      throw err;
    }
    redirect("/");
  },
);

export const verifyMfaAction = publicAction(
  "second sign-in step: the HttpOnly challenge cookie (right password, five minutes, five codes) is the authority",
  mfaCodeInput,
  async ({ code }) => {
    const challenge = await readChallengeCookie();
    if (!challenge) throw new ChallengeExpired();
    let ticket: string;
    try {
      ticket = await completeMfaChallenge(challenge, code, await actionClientIp());
    } catch (err) {
      if (err instanceof ChallengeExpired) await clearChallengeCookie();
      throw err;
    }
    try {
      await signIn("credentials", { ticket, redirect: false });
    } catch (err) {
      if (err instanceof AuthError) throw new ChallengeExpired();
      throw err;
    }
    await clearChallengeCookie();
    redirect("/");
  },
);

export const signOutAction = publicAction("signs out the caller's own session", z.object({}), async () => {
  await signOut({ redirect: false });
  redirect("/login");
});
