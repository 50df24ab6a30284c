"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { setPasswordAction } from "@/lib/actions/password";
import type { ActionResult } from "@/lib/action-result";
import { ActionError } from "@/components/ui/alert";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ email: string }> | null, FormData>(
    (prev, fd) => setPasswordAction(prev, fd),
    null,
  );
  if (state?.ok)
    return (
      <div role="status" className="space-y-3 text-sm">
        <p>Your password is set. Sign in with {email}.</p>
        <Link href="/login" className="font-medium text-brand-700 underline">
          Go to sign-in
        </Link>
      </div>
    );
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionError state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" value={email} autoComplete="username" />
      <Field name="password" label="New password" type="password" autoComplete="new-password" errors={fe?.password} />
      <Field
        name="confirm"
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        errors={fe?.confirm}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
