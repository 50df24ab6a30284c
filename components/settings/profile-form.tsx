"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";
import { updateProfileAction } from "@/lib/actions/settings";

export function ProfileForm({ merchantId, name }: { merchantId: string; name: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ name: string }> | null, FormData>(
    (prev, fd) => updateProfileAction(prev, fd),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="Business name">
      <input type="hidden" name="merchantId" value={merchantId} />
      <Field
        name="name"
        label="Business name (DBA)"
        defaultValue={name}
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
