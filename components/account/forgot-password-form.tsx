"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { forgotPasswordAction } from "@/lib/actions/password";
import type { ActionResult } from "@/lib/action-result";
import { ActionError } from "@/components/ui/alert";

/** The same sentence for every email: the answer never tells whether an account exists. */
export const RESET_SENT =
  "If an account exists for that email, we have sent a link to reset its password. The link works once and expires in 1 hour.";

export function ForgotPasswordForm({ demoMailbox }: { demoMailbox: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<{ sent: true }> | null, FormData>(
    (prev, fd) => forgotPasswordAction(prev, fd),
    null,
  );
  if (state?.ok)
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
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
      </div>
    );
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionError state={state} />
      <Field name="email" label="Email" type="email" autoComplete="username" required errors={fe?.email} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-slate-600 hover:underline">
          Back to sign-in
        </Link>
      </p>
    </form>
  );
}
