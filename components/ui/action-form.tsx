"use client";

import { type ReactNode, useActionState } from "react";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import { Alert } from "./alert";
import { Button, type ButtonVariant } from "./button";

/**
 * A form bound to one server action: its hidden values (the merchant id and the like), its fields (given the action's
 * field errors), a submit button that says what is happening while pending, then the action's error or, on success,
 * what `success` makes of its answer.
 */
export function ActionForm<T>({
  action,
  label,
  hidden,
  submit,
  pendingLabel,
  success,
  variant,
  children,
}: {
  action: (fd: FormData) => Promise<ActionResult<T>>;
  label: string;
  hidden: Record<string, string | undefined>;
  submit: string;
  pendingLabel: string;
  success?: (data: T) => ReactNode;
  variant?: ButtonVariant;
  children?: (errors: FieldErrors | undefined) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(
    async (_prev, fd) => action(fd),
    null,
  );
  return (
    <form action={formAction} className="space-y-3" aria-label={label}>
      {Object.entries(hidden).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      {children?.(state && !state.ok ? state.fieldErrors : undefined)}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : submit}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok && success ? success(state.data) : null}
    </form>
  );
}
