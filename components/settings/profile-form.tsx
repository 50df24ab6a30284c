"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { updateProfileAction } from "@/lib/actions/settings";

export function ProfileForm({ merchantId, name }: { merchantId: string; name: string }) {
  // React resets the form after the action: the field's default is what was last submitted.
  const [{ result: state, value }, action, pending] = useActionState<
    { result: ActionResult<{ name: string }> | null; value: string },
    FormData
  >(
    async (_prev, fd) => {
      const result = await updateProfileAction(fd);
      return { result, value: result.ok ? result.data.name : String(fd.get("name") ?? "") };
    },
    { result: null, value: name },
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="Business name">
      <input type="hidden" name="merchantId" value={merchantId} />
      <Field
        name="name"
        label="Business name (DBA)"
        defaultValue={value}
        required
        maxLength={120}
        errors={errors?.name}
        hint="Shown in the portal, on invoices and on the pay page."
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save name"}
        </Button>
        {state?.ok ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved.
          </span>
        ) : null}
      </div>
      {state && !state.ok && !errors ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
