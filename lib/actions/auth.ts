"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { UserError } from "@/lib/errors";
import { signInSchema } from "@/lib/validations/auth";
import { publicAction } from "./safe-action";

export const signInAction = publicAction(
  "signs the caller in; throttled per account and IP",
  signInSchema,
  async (input) => {
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    } catch (err) {
      if (err instanceof AuthError) {
        if ((err as AuthError & { code?: string }).code === "throttled") {
          throw new UserError("rate_limited", "Too many failed attempts. Try again in 15 minutes.");
        }
        throw new UserError("invalid", "Email or password is incorrect.");
      }
      throw err;
    }
    redirect("/");
  },
);

export const signOutAction = publicAction("signs out the caller's own session", z.object({}), async () => {
  await signOut({ redirect: false });
  redirect("/login");
});
