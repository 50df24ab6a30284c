"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { updateProfileAction } from "@/lib/actions/settings";

type Values = { name: string; brandColor: string; logoUrl: string; supportEmail: string };

/** The business name and the branding of emails sent in its name (invoices, receipts, team invitations). */
export function ProfileForm({ merchantId, initial }: { merchantId: string; initial: Values }) {
  // React resets the form after the action: the fields' defaults are what was last submitted.
  const [{ result: state, values }, action, pending] = useActionState<
    { result: ActionResult<{ name: string }> | null; values: Values },
    FormData
  >(
    async (_prev, fd) => {
      const result = await updateProfileAction(fd);
      const typed = {
        name: String(fd.get("name") ?? ""),
        brandColor: String(fd.get("brandColor") ?? ""),
        logoUrl: String(fd.get("logoUrl") ?? ""),
        supportEmail: String(fd.get("supportEmail") ?? ""),
      };
      return { result, values: result.ok ? { ...typed, name: result.data.name } : typed };
    },
    { result: null, values: initial },
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const swatch = /^#[0-9a-fA-F]{6}$/.test(values.brandColor) ? values.brandColor : "#1d4ed8";
  return (
    <form action={action} className="space-y-3" aria-label="Business profile">
      <input type="hidden" name="merchantId" value={merchantId} />
      <Field
        name="name"
        label="Business name (DBA)"
        defaultValue={values.name}
        required
        maxLength={120}
        errors={errors?.name}
        hint="Shown in the portal, on invoices, on the pay page and as the sender of your emails."
      />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-xs font-medium tracking-wide text-slate-500 uppercase">Email branding</legend>
        <div className="grid items-start gap-3 sm:grid-cols-[12rem_1fr]">
          <div className="flex items-start gap-2">
            <Field
              name="brandColor"
              label="Accent colour"
              defaultValue={values.brandColor}
              placeholder="#1d4ed8"
              maxLength={7}
              errors={errors?.brandColor}
              className="flex-1"
            />
            <span
              aria-hidden="true"
              className="mt-7 inline-block h-9 w-9 shrink-0 rounded border border-slate-300"
              style={{ backgroundColor: swatch }}
            />
          </div>
          <Field
            name="logoUrl"
            label="Logo URL"
            type="url"
            defaultValue={values.logoUrl}
            placeholder="https://example.com/logo.png"
            maxLength={500}
            errors={errors?.logoUrl}
            hint="An https address of a PNG or JPEG, about 40 pixels high. Without one, the name is shown."
          />
        </div>
        <Field
          name="supportEmail"
          label="Reply-to address"
          type="email"
          defaultValue={values.supportEmail}
          placeholder="help@yourbusiness.com"
          maxLength={320}
          errors={errors?.supportEmail}
          hint="Where customers' replies to invoices and receipts go. Blank: replies are not delivered."
        />
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save profile"}
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
