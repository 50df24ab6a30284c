"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { changePasswordAction } from "@/lib/actions/account";
import type { ActionResult } from "@/lib/action-result";
import { toLoginIfSignedOut } from "./signed-out";
import { ActionError } from "@/components/ui/alert";

/** On success the action redirects back here with `?password=changed` (the page shows the notice). */
export function ChangePasswordForm({ email, changed }: { email: string; changed: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(async (prev, fd) => {
    const r = await changePasswordAction(prev, fd);
    toLoginIfSignedOut(r);
    return r;
  }, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {changed && !state ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Password changed. Every other device signed in to your account was signed out; this one stays signed in.
        </p>
      ) : null}
      <ActionError state={state} />
      <input type="hidden" name="username" value={email} autoComplete="username" readOnly />
      <Field
        name="current"
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        errors={fe?.current}
      />
      <Field
        name="password"
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters, not your email and not a common password."
        errors={fe?.password}
      />
      <Field
        name="confirm"
        id="confirm-password"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        errors={fe?.confirm}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
