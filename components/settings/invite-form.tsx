"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { inviteMemberAction } from "@/lib/actions/settings";
import { MEMBER_ROLES, ROLE_LABELS } from "@/lib/validations/settings";

type Values = { name: string; email: string; role: string };
const EMPTY: Values = { name: "", email: "", role: "merchant_staff" };

export function InviteForm({ merchantId, canInviteAdmin }: { merchantId: string; canInviteAdmin: boolean }) {
  // React resets a form after its action runs: a refused invitation keeps what was typed (as the new defaults),
  // a sent one clears the form.
  const [{ result: state, values }, action, pending] = useActionState<
    { result: ActionResult<{ userId: string; email: string; newAccount: boolean }> | null; values: Values },
    FormData
  >(
    async (_prev, fd) => {
      const result = await inviteMemberAction(fd);
      const typed = {
        name: String(fd.get("name") ?? ""),
        email: String(fd.get("email") ?? ""),
        role: String(fd.get("role") ?? ""),
      };
      return { result, values: result.ok ? EMPTY : typed };
    },
    { result: null, values: EMPTY },
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} aria-label="Invite a team member" className="space-y-3">
      <input type="hidden" name="merchantId" value={merchantId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_10rem]">
        <Field
          id="invite-name"
          name="name"
          label="Name"
          defaultValue={values.name}
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
          defaultValue={values.email}
          autoComplete="off"
          required
          maxLength={320}
          errors={errors?.email}
        />
        <SelectField id="invite-role" name="role" label="Role" defaultValue={values.role} errors={errors?.role}>
          {MEMBER_ROLES.filter((r) => canInviteAdmin || r !== "merchant_admin").map((r) => (
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
          Someone who already has an account accepts after signing in; someone new gets an email with a one-time link to
          set a password (valid 24 hours). Staff cannot change settings or the team, and refunds above the staff limit
          are refused.
        </p>
      </div>
      {state?.ok ? (
        <Alert tone="success">
          Invitation emailed to {state.data.email}.{" "}
          {state.data.newAccount
            ? "They choose a password from the link in it, then they're in."
            : "They already have an account: they accept it after signing in."}
        </Alert>
      ) : state && !errors ? (
        <Alert tone="error">{state.error}</Alert>
      ) : null}
    </form>
  );
}
