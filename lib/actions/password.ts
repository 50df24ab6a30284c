"use server";

import { publicAction } from "@/lib/actions/safe-action";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { UserError } from "@/lib/errors";
import { setPasswordWithToken } from "@/lib/services/users/set-password";
import { setPasswordInput } from "@/lib/validations/partners";

export const setPasswordAction = publicAction(
  "the one-time set-password link is the authority; the new user has no session yet",
  setPasswordInput,
  async ({ token, password }) => {
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new UserError("invalid", "Please choose a longer password.", {
        password: [`Use at least ${MIN_PASSWORD_LENGTH} characters.`],
      });
    return setPasswordWithToken(token, password);
  },
);
