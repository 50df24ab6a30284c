"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createCustomerAction, updateCustomerAction } from "@/lib/actions/customers";
import type { ActionResult } from "@/lib/action-result";
import { AddressFields, type AddressValues } from "./address-fields";

type Result = ActionResult<{ customerId: string }> | null;

/** Create (no customerId) or edit a vault customer; the name and contact live on its primary address. */
export function CustomerForm({
  merchantId,
  customerId,
  values,
  cancelHref,
}: {
  merchantId: string;
  customerId?: string;
  values?: AddressValues & { description?: string | null; notes?: string | null };
  cancelHref: string;
}) {
  const router = useRouter();
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());
  const [state, formAction, pending] = useActionState<Result, FormData>(
    (prev, fd) => (customerId ? updateCustomerAction(prev, fd) : createCustomerAction(prev, fd)),
    null,
  );
  useEffect(() => {
    if (state?.ok) router.push(`/m/${merchantId}/customers/${encodeURIComponent(state.data.customerId)}`);
  }, [state, router, merchantId]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} noValidate className="space-y-6">
      <input type="hidden" name="merchantId" value={merchantId} />
      {customerId ? (
        <input type="hidden" name="customerId" value={customerId} />
      ) : (
        <input type="hidden" name="intentId" value={intentId} />
      )}
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <AddressFields values={values} errors={errors} />
      <div className="grid grid-cols-1 gap-4">
        <Field
          name="description"
          label="Description"
          defaultValue={values?.description ?? ""}
          errors={errors.description}
          hint="Shown in the customer list, e.g. “Wholesale — monthly beans”."
        />
        {customerId ? null : (
          <div>
            <label htmlFor="notes" className="block text-sm font-medium text-slate-800">
              Notes
            </label>
            <textarea
              id="notes"
              name="notes"
              rows={3}
              defaultValue={values?.notes ?? ""}
              aria-describedby={errors.notes ? "notes-error" : undefined}
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
            />
            {errors.notes ? (
              <p id="notes-error" className="mt-1 text-xs text-red-700">
                {errors.notes[0]}
              </p>
            ) : null}
          </div>
        )}
      </div>
      <div className="flex items-center justify-end gap-2 border-t border-slate-100 pt-4">
        <LinkButton href={cancelHref} variant="secondary">
          Cancel
        </LinkButton>
        <Button type="submit" disabled={pending || Boolean(state?.ok)}>
          {pending ? "Saving…" : customerId ? "Save changes" : "Create customer"}
        </Button>
      </div>
    </form>
  );
}
