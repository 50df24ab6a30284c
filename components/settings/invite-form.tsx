"use client";

import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";
import { inviteMemberAction } from "@/lib/actions/settings";
import { MEMBER_ROLES, ROLE_LABELS } from "@/lib/validations/settings";

export function InviteForm({ merchantId }: { merchantId: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ userId: string; email: string }> | null, FormData>(
    (prev, fd) => inviteMemberAction(prev, fd),
    null,
  );
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={action} aria-label="Invite a team member" className="space-y-3">
      <input type="hidden" name="merchantId" value={merchantId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_10rem]">
        <Field
          id="invite-name"
          name="name"
          label="Name"
          autoComplete="off"
          required
          maxLength={120}
          errors={errors?.name}
        />
        <Field
          id="invite-email"
          name="email"
          type="email"
          label="Email"
          autoComplete="off"
          required
          maxLength={320}
          errors={errors?.email}
        />
        <SelectField id="invite-role" name="role" label="Role" defaultValue="merchant_staff" errors={errors?.role}>
          {MEMBER_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Send invitation"}
        </Button>
        <p className="text-xs text-slate-500">
          New people get a one-time link to set their password (valid 7 days). Staff cannot change settings or the team,
          and refunds above the staff limit are refused.
        </p>
      </div>
      {state?.ok ? (
        <Alert tone="success">Invitation sent to {state.data.email}.</Alert>
      ) : state && !errors ? (
        <Alert tone="error">{state.error}</Alert>
      ) : null}
    </form>
  );
}
