"use client";

import { useMemo, useState } from "react";
import { createSubscriptionAction } from "@/lib/actions/recurring";
import { firstBillDateOnOrAfter } from "@/lib/recurring/schedule";
import { scheduleProblems } from "@/lib/validations/recurring";
import { Card } from "@/components/ui/card";
import { FormActions } from "@/components/ui/form-actions";
import { Field, SelectField } from "@/components/ui/field";
import type { PlanValues } from "./plan-form";
import { type CatalogItem, PricingForm, ScheduleFields, type ScheduleState, usePricing } from "./pricing-fields";

export interface SubscriberView {
  id: string;
  name: string;
  paymentMethods: { id: string; kind: "card" | "ach"; label: string; isDefault: boolean }[];
  addresses: { id: string; label: string }[];
  defaultBillingAddressId: string | null;
  defaultShippingAddressId: string | null;
}

function defaultDate(s: ScheduleState, today: string): string {
  const problems = scheduleProblems({
    billingFrequency: s.billingFrequency as "monthly",
    billingCycleInterval: Number(s.billingCycleInterval),
    billingDays: s.billingDays,
  });
  if (problems.length) return today;
  try {
    return firstBillDateOnOrAfter(
      {
        billingFrequency: s.billingFrequency as "monthly",
        billingCycleInterval: Number(s.billingCycleInterval),
        billingDays: s.billingDays,
      },
      today,
    );
  } catch {
    return today;
  }
}

/** Subscribe one vault customer: from a plan (its terms copied, then overridable) or with custom terms. */
export function SubscriptionForm({
  merchantId,
  customer,
  plans,
  addOnCatalog,
  discountCatalog,
  initialPlanId,
  today,
}: {
  merchantId: string;
  customer: SubscriberView;
  plans: PlanValues[];
  addOnCatalog: CatalogItem[];
  discountCatalog: CatalogItem[];
  initialPlanId?: string;
  today: string;
}) {
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());
  const startPlan = plans.find((p) => p.id === initialPlanId);
  const [planId, setPlanId] = useState(startPlan?.id ?? "");
  const pricing = usePricing(startPlan);
  const { schedule } = pricing;
  const defaultMethod = customer.paymentMethods.find((m) => m.isDefault) ?? customer.paymentMethods[0];
  const [methodId, setMethodId] = useState(defaultMethod?.id ?? "");
  const [billingAddressId, setBilling] = useState(customer.defaultBillingAddressId ?? "");
  const [shippingAddressId, setShipping] = useState(customer.defaultShippingAddressId ?? "");
  const [description, setDescription] = useState("");
  const [dateTouched, setDateTouched] = useState(false);
  const suggested = useMemo(() => defaultDate(schedule, today), [schedule, today]);
  const [nextBillDate, setNextBillDate] = useState(suggested);
  const shownDate = dateTouched ? nextBillDate : suggested;

  function choosePlan(id: string) {
    setPlanId(id);
    const plan = plans.find((p) => p.id === id);
    if (!plan) return;
    pricing.reset(plan);
    setDescription((d) => d || plan.name);
  }

  const method = customer.paymentMethods.find((m) => m.id === methodId);

  return (
    <PricingForm
      pricing={pricing}
      save={(refs) =>
        createSubscriptionAction({
          merchantId,
          intentId,
          planId: planId || undefined,
          description,
          customer: {
            id: customer.id,
            ...(method ? { paymentMethodType: method.kind, paymentMethodId: method.id } : {}),
            ...(billingAddressId ? { billingAddressId } : {}),
            ...(shippingAddressId ? { shippingAddressId } : {}),
          },
          ...schedule,
          nextBillDate: shownDate,
          ...refs,
        })
      }
      next={(data) => `/m/${merchantId}/recurring/subscriptions/${encodeURIComponent(data.id)}`}
      adjustmentsDescription="Overrides apply to this subscription only."
      catalogs={{ addOns: addOnCatalog, discounts: discountCatalog }}
      actions={(pending) => (
        <FormActions
          pending={pending}
          disabled={customer.paymentMethods.length === 0}
          pendingLabel="Subscribing…"
          label="Create subscription"
          cancelHref={`/m/${merchantId}/recurring/subscriptions`}
        />
      )}
    >
      {(errors) => (
        <>
          <Card title="Customer" description={customer.name}>
            <div className="grid gap-4 md:grid-cols-[1.4fr_1fr_1fr]">
              <SelectField
                name="customer.paymentMethodId"
                label="Payment method"
                value={methodId}
                onChange={(e) => setMethodId(e.target.value)}
                errors={errors["customer.paymentMethodId"] ?? errors["customer.paymentMethodType"]}
              >
                {customer.paymentMethods.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                    {m.isDefault ? " (default)" : ""}
                  </option>
                ))}
              </SelectField>
              <AddressSelect
                kind="billing"
                label="Billing address"
                value={billingAddressId}
                onChange={setBilling}
                addresses={customer.addresses}
                errors={errors["customer.billingAddressId"]}
              />
              <AddressSelect
                kind="shipping"
                label="Shipping address"
                value={shippingAddressId}
                onChange={setShipping}
                addresses={customer.addresses}
                errors={errors["customer.shippingAddressId"]}
              />
            </div>
          </Card>
          <Card title="Terms" description="Start from a plan and adjust, or set custom terms.">
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                name="planId"
                label="Plan"
                value={planId}
                onChange={(e) => choosePlan(e.target.value)}
                errors={errors.planId}
              >
                <option value="">Custom (no plan)</option>
                {plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
              <Field
                name="description"
                label="Description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                errors={errors.description}
              />
            </div>
            <div className="mt-4">
              <ScheduleFields value={schedule} onChange={pricing.setSchedule} errors={errors} />
            </div>
            <div className="mt-4 grid gap-4 sm:grid-cols-3">
              <Field
                name="nextBillDate"
                label="First bill date"
                type="date"
                value={shownDate}
                min={today}
                onChange={(e) => {
                  setDateTouched(true);
                  setNextBillDate(e.target.value);
                }}
                hint="The first charge runs on this date; later ones follow the schedule."
                errors={errors.nextBillDate}
              />
            </div>
          </Card>
        </>
      )}
    </PricingForm>
  );
}

/** One of the customer's stored addresses for billing or shipping, or the customer's default. */
function AddressSelect({
  kind,
  label,
  value,
  onChange,
  addresses,
  errors,
}: {
  kind: "billing" | "shipping";
  label: string;
  value: string;
  onChange: (id: string) => void;
  addresses: { id: string; label: string }[];
  errors?: string[];
}) {
  return (
    <SelectField
      name={`customer.${kind}AddressId`}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      errors={errors}
    >
      <option value="">Customer default</option>
      {addresses.map((a) => (
        <option key={a.id} value={a.id}>
          {a.label}
        </option>
      ))}
    </SelectField>
  );
}
