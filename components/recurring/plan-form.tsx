"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deletePlanAction, savePlanAction } from "@/lib/actions/recurring";
import { centsToDecimalString } from "@/lib/money";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormActions } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/field";
import {
  type AttachedRow,
  AdjustmentsCard,
  type CatalogItem,
  type Errors,
  PricePanel,
  refsFor,
  rowFromItem,
  ScheduleFields,
  type ScheduleState,
} from "./pricing-fields";

export interface PlanValues {
  id: string;
  name: string;
  description: string | null;
  amount: number;
  billingFrequency: string;
  billingCycleInterval: number;
  billingDays: number[];
  duration: number;
  addOns: CatalogItem[];
  discounts: CatalogItem[];
}

export function scheduleStateOf(p?: {
  amount: number;
  billingFrequency: string;
  billingCycleInterval: number;
  billingDays: number[];
  duration: number;
}): ScheduleState {
  return {
    amount: p ? centsToDecimalString(p.amount) : "",
    billingFrequency: p?.billingFrequency ?? "monthly",
    billingCycleInterval: String(p?.billingCycleInterval ?? 1),
    billingDays: p ? p.billingDays.join(", ") : "1",
    duration: String(p?.duration ?? 0),
  };
}

export function PlanForm({
  merchantId,
  addOnCatalog,
  discountCatalog,
  initial,
}: {
  merchantId: string;
  addOnCatalog: CatalogItem[];
  discountCatalog: CatalogItem[];
  initial?: PlanValues;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [schedule, setSchedule] = useState<ScheduleState>(scheduleStateOf(initial));
  // A saved plan's attachments are its own snapshot: keep their values explicitly on save.
  const [addOns, setAddOns] = useState<AttachedRow[]>(initial?.addOns.map((a) => rowFromItem(a, true)) ?? []);
  const [discounts, setDiscounts] = useState<AttachedRow[]>(initial?.discounts.map((a) => rowFromItem(a, true)) ?? []);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const list = `/m/${merchantId}/recurring/plans`;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const a = refsFor("addOns", addOns);
    const d = refsFor("discounts", discounts);
    const local = { ...a.errors, ...d.errors };
    if (Object.keys(local).length) {
      setErrors(local);
      setMessage("Please correct the highlighted fields.");
      return;
    }
    start(async () => {
      const r = await savePlanAction({
        merchantId,
        ...(initial ? { id: initial.id } : { intentId }),
        name,
        description,
        ...schedule,
        addOns: a.refs,
        discounts: d.refs,
      });
      if (r.ok) {
        router.push(list);
        router.refresh();
        return;
      }
      setErrors(r.fieldErrors ?? {});
      setMessage(r.error);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
        <div className="space-y-5">
          <Card title="Plan">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                name="name"
                label="Name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                errors={errors.name}
              />
              <Field
                name="description"
                label="Description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                errors={errors.description}
              />
            </div>
          </Card>
          <Card title="Billing schedule">
            <ScheduleFields value={schedule} onChange={setSchedule} errors={errors} />
          </Card>
          <AdjustmentsCard
            description="Overrides apply to this plan only."
            catalogs={{ addOns: addOnCatalog, discounts: discountCatalog }}
            addOns={addOns}
            discounts={discounts}
            onAddOns={setAddOns}
            onDiscounts={setDiscounts}
            errors={errors}
          />
        </div>
        <div>
          <Card className="lg:sticky lg:top-6">
            <PricePanel amountText={schedule.amount} addOns={addOns} discounts={discounts} />
          </Card>
        </div>
      </div>
      <FormActions
        pending={pending}
        pendingLabel="Saving…"
        label={initial ? "Save plan" : "Create plan"}
        cancelHref={list}
      />
    </form>
  );
}

export function DeletePlanButton({ merchantId, id, name }: { merchantId: string; id: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmActionButton
      variant="ghost"
      size="sm"
      className="text-red-700 hover:bg-red-50"
      label="Delete plan"
      title={`Delete the plan “${name}”?`}
      confirmLabel="Delete plan"
      action={() => deletePlanAction({ merchantId, id })}
      onDone={() => {
        router.push(`/m/${merchantId}/recurring/plans`);
        router.refresh();
      }}
    >
      New subscriptions can no longer start from it. Subscriptions already on this plan keep their terms and go on
      billing.
    </ConfirmActionButton>
  );
}
