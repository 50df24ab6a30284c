"use client";

import { type ReactNode, useActionState } from "react";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import { ActionError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The signed-out forms (sign in, MFA code, forgot password, set password): the action's error, the fields (given
 * their errors), a full-width submit that says what is happening, and, once `done` is given and the action
 * succeeded, what replaces the form.
 */
export function AuthForm<T>({
  action,
  submit,
  pendingLabel,
  before,
  after,
  done,
  children,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T> | null>;
  submit: string;
  pendingLabel: string;
  /** Above the error: what this step is for. */
  before?: ReactNode;
  /** Below the submit: another way out. */
  after?: ReactNode;
  done?: (data: T) => ReactNode;
  children: (fieldErrors: FieldErrors | undefined) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(
    (prev, fd) => action(prev, fd),
    null,
  );
  if (state?.ok && done)
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        {done(state.data)}
      </div>
    );
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {before}
      <ActionError state={state} />
      {children(state && !state.ok ? state.fieldErrors : undefined)}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? pendingLabel : submit}
      </Button>
      {after}
    </form>
  );
}
