"use client";

import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { Field } from "@/components/ui/field";
import { setPasswordAction } from "@/lib/actions/password";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  return (
    <AuthForm
      action={setPasswordAction}
      submit="Set password"
      pendingLabel="Saving…"
      done={() => (
        <>
          <p>Your password is set. Sign in with {email}.</p>
          <Link href="/login" className="font-medium text-brand-700 underline">
            Go to sign-in
          </Link>
        </>
      )}
    >
      {(fe) => (
        <>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="username" value={email} autoComplete="username" />
          <Field
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            errors={fe?.password}
          />
          <Field
            name="confirm"
            label="Repeat the password"
            type="password"
            autoComplete="new-password"
            errors={fe?.confirm}
          />
        </>
      )}
    </AuthForm>
  );
}
