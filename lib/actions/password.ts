"use server";

import { publicAction } from "@/lib/actions/safe-action";
import { actionClientIp } from "@/lib/auth/request";
import { requestPasswordReset } from "@/lib/services/account/reset";
import { setPasswordWithToken } from "@/lib/services/users/set-password";
import { forgotPasswordInput } from "@/lib/validations/account";
import { setPasswordInput } from "@/lib/validations/partners";

/** The strength rule (length, not the email, not common) is checked by the service for both link kinds. */
export const setPasswordAction = publicAction(
  "the one-time set-password or reset link is the authority; its user has no session",
  setPasswordInput,
  async ({ token, password }) => setPasswordWithToken(token, password),
);

/** Every answer takes at least this long, so the time does not tell whether the account exists. */
const MIN_RESET_ANSWER_MS = 400;

export const forgotPasswordAction = publicAction(
  "a signed-out person asks for a reset link; the answer never says whether the account exists",
  forgotPasswordInput,
  async ({ email }) => {
    const started = Date.now();
    try {
      await requestPasswordReset(email, await actionClientIp());
    } finally {
      const wait = MIN_RESET_ANSWER_MS - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return { sent: true as const };
  },
);
