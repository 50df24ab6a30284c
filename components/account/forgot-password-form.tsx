"use client";

import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { Field } from "@/components/ui/field";
import { forgotPasswordAction } from "@/lib/actions/password";

/** The same sentence for every email: the answer never tells whether an account exists. */
export const RESET_SENT =
  "If an account exists for that email, we have sent a link to reset its password. The link works once and expires in 1 hour.";

export function ForgotPasswordForm({ demoMailbox }: { demoMailbox: boolean }) {
  return (
    <AuthForm
      action={forgotPasswordAction}
      submit="Send reset link"
      pendingLabel="Sending…"
      after={
        <p className="text-center text-sm">
          <Link href="/login" className="text-slate-600 hover:underline">
            Back to sign-in
          </Link>
        </p>
      }
      done={() => (
        <>
          <p className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-900">{RESET_SENT}</p>
          {demoMailbox ? (
            <p>
              Sandbox mode: the email goes to the local mail catcher. Open it at the address <code>npm start</code>{" "}
              printed.
            </p>
          ) : null}
          <Link href="/login" className="font-medium text-brand-700 underline">
            Back to sign-in
          </Link>
        </>
      )}
    >
      {(fe) => <Field name="email" label="Email" type="email" autoComplete="username" required errors={fe?.email} />}
    </AuthForm>
  );
}
