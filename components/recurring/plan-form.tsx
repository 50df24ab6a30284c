"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deletePlanAction, savePlanAction } from "@/lib/actions/recurring";
import { Card } from "@/components/ui/card";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormActions } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/field";
import { type CatalogItem, PricingForm, ScheduleFields, usePricing } from "./pricing-fields";

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
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  // A saved plan's attachments are its own snapshot: keep their values explicitly on save.
  const pricing = usePricing(initial);
  const list = `/m/${merchantId}/recurring/plans`;

  return (
    <PricingForm
      pricing={pricing}
      save={(refs) =>
        savePlanAction({
          merchantId,
          ...(initial ? { id: initial.id } : { intentId }),
          name,
          description,
          ...pricing.schedule,
          ...refs,
        })
      }
      next={() => list}
      adjustmentsDescription="Overrides apply to this plan only."
      catalogs={{ addOns: addOnCatalog, discounts: discountCatalog }}
      actions={(pending) => (
        <FormActions
          pending={pending}
          pendingLabel="Saving…"
          label={initial ? "Save plan" : "Create plan"}
          cancelHref={list}
        />
      )}
    >
      {(errors) => (
        <>
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
            <ScheduleFields value={pricing.schedule} onChange={pricing.setSchedule} errors={errors} />
          </Card>
        </>
      )}
    </PricingForm>
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
