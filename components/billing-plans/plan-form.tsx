"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FieldError, SelectField } from "@/components/ui/field";
import { createBillingPlanAction } from "@/lib/actions/billing-plans";
import type { ActionResult } from "@/lib/action-result";
import { cn } from "@/components/ui/cn";

type Result = ActionResult<{ planId: string; duplicate: boolean }> | null;

/** The plan on one vault customer; CoPilot's field errors land on the inputs they concern. */
export function BillingPlanForm({
  merchantId,
  customer,
  methods,
  changeCustomerHref,
  today,
}: {
  merchantId: string;
  customer: { id: string; name: string; email: string | null };
  methods: { id: string; label: string; isDefault: boolean }[];
  changeCustomerHref: string;
  today: string;
}) {
  const router = useRouter();
  // React resets a form after its action runs: keep what was typed, so a refused submit loses nothing.
  const [values, setValues] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [state, action, pending] = useActionState<Result, FormData>(async (prev, fd) => {
    const r = (await createBillingPlanAction(prev, fd)) as Result;
    setValues(Object.fromEntries([...fd.entries()].filter((e): e is [string, string] => typeof e[1] === "string")));
    setAttempt((n) => n + 1);
    return r;
  }, null);
  const [untilKind, setUntilKind] = useState("payments");
  const v = (name: string, fallback: string) => values[name] ?? fallback;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok) router.push(`/m/${merchantId}/recurring/billing-plans/${state.data.planId}?created=1`);
  }, [state, router, merchantId]);
  const defaultMethod = methods.find((m) => m.isDefault)?.id ?? methods[0]?.id;

  return (
    <form key={attempt} action={action} noValidate className="space-y-4">
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="customerId" value={customer.id} />
      {state && !state.ok ? (
        <Alert tone="error" title="The billing plan was not created">
          {state.error}
          {errors?._form ? <p className="mt-1">{errors._form[0]}</p> : null}
        </Alert>
      ) : null}
      <Card
        title="Customer"
        actions={
          <a href={changeCustomerHref} className="text-sm font-medium text-brand-700 hover:underline">
            Change
          </a>
        }
      >
        <p className="font-medium text-slate-900">{customer.name}</p>
        <p className="text-xs text-slate-500">
          {customer.email ? `${customer.email} · ` : ""}Profile {customer.id}
        </p>
        <FieldError id="customerId-error" errors={errors?.customerId} />
        {methods.length ? (
          <SelectField
            name="acctId"
            label="Charge"
            className="mt-4"
            defaultValue={v("acctId", defaultMethod ?? "")}
            errors={errors?.acctId}
          >
            {methods.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
                {m.isDefault ? " — default" : ""}
              </option>
            ))}
          </SelectField>
        ) : (
          <Alert tone="warning">This customer has no stored payment method.</Alert>
        )}
      </Card>

      <Card title="Plan" description="CoPilot charges the stored payment method on each scheduled date.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="name"
            label="Plan name"
            defaultValue={v("name", "")}
            maxLength={30}
            required
            errors={errors?.name}
            hint="Up to 30 characters; shown on CoPilot and in receipts."
          />
          <Field
            name="amount"
            label="Amount per payment"
            defaultValue={v("amount", "")}
            inputMode="decimal"
            placeholder="0.00"
            required
            errors={errors?.amount}
            hint="In US dollars."
          />
          <SelectField
            name="interval"
            label="Repeats"
            defaultValue={v("interval", "monthly")}
            errors={errors?.interval}
          >
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
            <option value="monthly">Monthly</option>
            <option value="yearly">Yearly</option>
          </SelectField>
          <Field
            name="every"
            label="Every"
            type="number"
            min={1}
            max={9}
            defaultValue={v("every", "1")}
            errors={errors?.every}
            hint="1 = every period, 2 = every other one (up to 9)."
          />
          <Field
            name="startDate"
            label="First payment"
            type="date"
            min={today}
            defaultValue={v("startDate", today)}
            required
            errors={errors?.startDate}
          />
        </div>
      </Card>

      <Card title="Ends">
        <fieldset aria-describedby={errors?.untilKind ? "untilKind-error" : undefined}>
          <legend className="sr-only">When the plan ends</legend>
          <div className="grid gap-3 sm:grid-cols-3">
            {[
              { v: "payments", l: "After a number of payments" },
              { v: "date", l: "On a date" },
              { v: "cancelled", l: "When cancelled" },
            ].map((o) => (
              <label
                key={o.v}
                className={cn(
                  "flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-inset",
                  untilKind === o.v ? "bg-brand-50 ring-brand-500" : "ring-slate-300",
                )}
              >
                <input
                  type="radio"
                  name="untilKind"
                  value={o.v}
                  checked={untilKind === o.v}
                  onChange={() => setUntilKind(o.v)}
                />
                {o.l}
              </label>
            ))}
          </div>
          <FieldError id="untilKind-error" errors={errors?.untilKind} />
        </fieldset>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {untilKind === "payments" ? (
            <Field
              name="untilCount"
              label="Number of payments"
              type="number"
              min={1}
              max={1000}
              defaultValue={v("untilCount", "12")}
              errors={errors?.untilCount}
            />
          ) : null}
          {untilKind === "date" ? (
            <Field
              name="untilDate"
              label="Last billing date"
              type="date"
              min={today}
              defaultValue={v("untilDate", "")}
              errors={errors?.untilDate}
            />
          ) : null}
        </div>
        <label className="mt-4 flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="emailReceipt" defaultChecked={attempt === 0 || values.emailReceipt === "on"} />
          Email the customer a receipt for each payment
        </label>
        <FieldError id="emailReceipt-error" errors={errors?.emailReceipt} />
      </Card>

      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={pending || methods.length === 0}>
          {pending ? "Creating…" : "Create billing plan"}
        </Button>
      </div>
    </form>
  );
}
