"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteAddOnAction, deleteDiscountAction, saveAddOnAction, saveDiscountAction } from "@/lib/actions/recurring";
import type { ActionResult } from "@/lib/action-result";
import { centsToDecimalString, thousandthsToPercentString } from "@/lib/money";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FieldError } from "@/components/ui/field";

export type AdjustmentKind = "addOn" | "discount";

export interface AdjustmentValues {
  id: string;
  name: string;
  description: string | null;
  amount: number | null;
  percentage: number | null;
  duration: number;
}

const WORDS: Record<AdjustmentKind, { noun: string; slug: string }> = {
  addOn: { noun: "add-on", slug: "add-ons" },
  discount: { noun: "discount", slug: "discounts" },
};

/** Create or edit an add-on or discount: a fixed amount or a percentage of the subscription amount, never both. */
export function AdjustmentForm({
  merchantId,
  kind,
  initial,
}: {
  merchantId: string;
  kind: AdjustmentKind;
  initial?: AdjustmentValues;
}) {
  const router = useRouter();
  const words = WORDS[kind];
  const [pending, start] = useTransition();
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());
  const [result, setResult] = useState<ActionResult<{ id: string }> | null>(null);
  const [mode, setMode] = useState<"amount" | "percentage">(
    initial && initial.percentage !== null && initial.percentage !== 0 ? "percentage" : "amount",
  );
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const list = `/m/${merchantId}/recurring/${words.slug}`;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      const action = kind === "addOn" ? saveAddOnAction : saveDiscountAction;
      const r = await action(fd);
      setResult(r);
      if (r.ok) {
        router.push(list);
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {initial ? null : <input type="hidden" name="intentId" value={intentId} />}
      <input type="hidden" name="merchantId" value={merchantId} />
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
      <Card>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="name" label="Name" required defaultValue={initial?.name} errors={errors.name} />
          <Field
            name="description"
            label="Description"
            defaultValue={initial?.description ?? ""}
            errors={errors.description}
            hint="Optional; shown to your team only."
          />
        </div>
        <fieldset className="mt-5">
          <legend className="text-sm font-medium text-slate-800">Value</legend>
          <div className="mt-2 flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="valueKind"
                checked={mode === "amount"}
                onChange={() => setMode("amount")}
                className="text-brand-600"
              />
              Fixed amount
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="valueKind"
                checked={mode === "percentage"}
                onChange={() => setMode("percentage")}
                className="text-brand-600"
              />
              Percentage of the subscription amount
            </label>
          </div>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            {mode === "amount" ? (
              <Field
                key="amount"
                name="amount"
                label="Amount (USD)"
                inputMode="decimal"
                placeholder="5.00"
                defaultValue={initial?.amount != null ? centsToDecimalString(initial.amount) : ""}
                errors={errors.amount}
              />
            ) : (
              <Field
                key="percentage"
                name="percentage"
                label="Percentage"
                inputMode="decimal"
                placeholder="10"
                hint="Between 0.1% and 100%."
                defaultValue={initial?.percentage ? thousandthsToPercentString(initial.percentage) : ""}
                errors={errors.percentage}
              />
            )}
            <Field
              name="duration"
              label="Duration (cycles)"
              inputMode="numeric"
              defaultValue={String(initial?.duration ?? 0)}
              hint="How many charges it applies to; 0 = until the subscription is cancelled."
              errors={errors.duration}
            />
          </div>
          {mode === "amount" && errors.percentage ? (
            <FieldError id="percentage-error" errors={errors.percentage} />
          ) : null}
          {mode === "percentage" && errors.amount ? <FieldError id="amount-error" errors={errors.amount} /> : null}
        </fieldset>
      </Card>
      <FormActions
        pending={pending}
        pendingLabel="Saving…"
        label={initial ? `Save ${words.noun}` : `Create ${words.noun}`}
        cancelHref={list}
      />
    </form>
  );
}

/** Delete with a confirmation; plans and subscriptions keep their own copy of it. */
export function DeleteAdjustmentButton({
  merchantId,
  kind,
  id,
  name,
}: {
  merchantId: string;
  kind: AdjustmentKind;
  id: string;
  name: string;
}) {
  const router = useRouter();
  const words = WORDS[kind];
  return (
    <ConfirmActionButton
      variant="ghost"
      size="sm"
      className="text-red-700 hover:bg-red-50"
      label="Delete"
      title={`Delete the ${words.noun} “${name}”?`}
      confirmLabel={`Delete ${words.noun}`}
      action={() => (kind === "addOn" ? deleteAddOnAction : deleteDiscountAction)({ merchantId, id })}
      onDone={() => {
        router.push(`/m/${merchantId}/recurring/${words.slug}`);
        router.refresh();
      }}
    >
      It can no longer be attached to new plans or subscriptions. Plans and subscriptions that already include it keep
      their own copy and go on billing it.
    </ConfirmActionButton>
  );
}
