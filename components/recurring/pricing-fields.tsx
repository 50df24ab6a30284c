"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { applyOverrides, type RecurringAdjustment } from "@/lib/recurring/cycle-amount";
import { centsToDecimalString, formatMoney, formatPercent, parseMoney, parsePercent } from "@/lib/money";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FieldError, inputClass, SelectField } from "@/components/ui/field";
import { adjustmentValueLabel, describeDuration, describeStep, priceSteps } from "./format";
import { cn } from "@/components/ui/cn";

/** Shared by the plan and subscription forms: schedule fields, attached add-ons/discounts, live price. */

export interface CatalogItem {
  id: string;
  name: string;
  amount: number | null;
  percentage: number | null;
  duration: number;
}

/** One attached add-on or discount: the item it copies and the override texts the merchant typed. */
export interface AttachedRow {
  key: string;
  item: CatalogItem;
  value: string;
  cycles: string;
  /** Send the item's own value and duration too (rows copied from a plan keep the plan's snapshot). */
  explicit: boolean;
}

export interface ScheduleState {
  amount: string;
  billingFrequency: string;
  billingCycleInterval: string;
  billingDays: string;
  duration: string;
}

export type Errors = Record<string, string[] | undefined>;

const isPercent = (i: { percentage: number | null }) => i.percentage !== null && i.percentage !== 0;

export function rowFromItem(item: CatalogItem, explicit = false): AttachedRow {
  return { key: `${item.id}-${Math.random().toString(36).slice(2)}`, item, value: "", cycles: "", explicit };
}

/** Override texts → the typed override (what the action's schema takes), or a message for the field. */
function parseOverride(row: AttachedRow): { ref: Record<string, unknown>; error?: { field: string; message: string } } {
  const ref: Record<string, unknown> = { id: row.item.id };
  if (row.explicit) {
    if (isPercent(row.item)) ref.percentage = row.item.percentage;
    else ref.amount = row.item.amount ?? 0;
    ref.duration = row.item.duration;
  }
  if (row.value.trim() !== "") {
    if (isPercent(row.item)) {
      const p = parsePercent(row.value);
      if (!p.ok) return { ref, error: { field: "percentage", message: p.error } };
      ref.percentage = p.thousandths;
      delete ref.amount;
    } else {
      const m = parseMoney(row.value, "USD");
      if (!m.ok) return { ref, error: { field: "amount", message: m.error } };
      ref.amount = m.cents;
      delete ref.percentage;
    }
  }
  if (row.cycles.trim() !== "") {
    if (!/^\s*\d{1,5}\s*$/.test(row.cycles))
      return { ref, error: { field: "duration", message: "Enter a whole number." } };
    ref.duration = Number(row.cycles);
  }
  return { ref };
}

/** Typed refs for the action, plus client-side errors keyed like the server's ("addOns.0.amount"). */
export function refsFor(list: "addOns" | "discounts", rows: AttachedRow[]) {
  const errors: Errors = {};
  const refs = rows.map((row, i) => {
    const { ref, error } = parseOverride(row);
    if (error) errors[`${list}.${i}.${error.field}`] = [error.message];
    return ref;
  });
  return { refs, errors };
}

/** The rows as the totals module sees them (overrides applied as the gateway snapshots them). */
function applied(rows: AttachedRow[]): RecurringAdjustment[] {
  return rows.map((row) => {
    const { ref } = parseOverride(row);
    return applyOverrides(
      {
        id: row.item.id,
        name: row.item.name,
        amount: row.item.amount,
        percentage: row.item.percentage,
        duration: row.item.duration,
      },
      {
        amount: (ref.amount as number | undefined) ?? null,
        percentage: (ref.percentage as number | undefined) ?? null,
        duration: (ref.duration as number | undefined) ?? null,
      },
    );
  });
}

export function ScheduleFields({
  value,
  onChange,
  errors,
}: {
  value: ScheduleState;
  onChange: (v: ScheduleState) => void;
  errors: Errors;
}) {
  const set = (k: keyof ScheduleState) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange({ ...value, [k]: e.target.value });
  const daily = value.billingFrequency === "daily";
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Field
        name="amount"
        label="Amount per cycle (USD)"
        inputMode="decimal"
        placeholder="20.00"
        value={value.amount}
        onChange={set("amount")}
        errors={errors.amount}
      />
      <SelectField
        name="billingFrequency"
        label="Billing frequency"
        value={value.billingFrequency}
        onChange={set("billingFrequency")}
        errors={errors.billingFrequency}
      >
        <option value="monthly">Monthly</option>
        <option value="twice_monthly">Twice monthly</option>
        <option value="daily">Daily</option>
      </SelectField>
      <Field
        name="billingCycleInterval"
        label={daily ? "Every … days" : "Every … months"}
        inputMode="numeric"
        value={value.billingCycleInterval}
        onChange={set("billingCycleInterval")}
        errors={errors.billingCycleInterval}
      />
      <Field
        name="billingDays"
        label="Billing days"
        placeholder={value.billingFrequency === "twice_monthly" ? "1, 15" : "1"}
        value={daily ? "" : value.billingDays}
        disabled={daily}
        onChange={set("billingDays")}
        hint={
          daily
            ? "Not used for daily billing."
            : value.billingFrequency === "twice_monthly"
              ? 'Two days of the month, like "1, 15". 0 = last day.'
              : "Day of the month, 1–31; 0 = last day. 29–31 bill on the last day of shorter months."
        }
        errors={errors.billingDays}
      />
      <Field
        name="duration"
        label="Number of charges"
        inputMode="numeric"
        value={value.duration}
        onChange={set("duration")}
        hint="0 = until cancelled."
        errors={errors.duration}
      />
    </div>
  );
}

export function AttachmentsEditor({
  list,
  label,
  catalog,
  rows,
  onChange,
  errors,
  sign,
}: {
  list: "addOns" | "discounts";
  label: string;
  catalog: CatalogItem[];
  rows: AttachedRow[];
  onChange: (rows: AttachedRow[]) => void;
  errors: Errors;
  sign: "+" | "−";
}) {
  const [pick, setPick] = useState("");
  const available = catalog.filter((c) => !rows.some((r) => r.item.id === c.id));
  const update = (i: number, patch: Partial<AttachedRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const selectId = `${list}-pick`;
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-slate-900">{label}</legend>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None attached.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {rows.map((row, i) => {
            const pct = isPercent(row.item);
            const valueErr = errors[`${list}.${i}.${pct ? "percentage" : "amount"}`];
            const cyclesErr = errors[`${list}.${i}.duration`];
            const base = `${list}-${i}`;
            return (
              <li key={row.key} className="grid gap-3 px-3 py-3 sm:grid-cols-[1fr_9rem_9rem_auto] sm:items-start">
                <div>
                  <p className="text-sm font-medium text-slate-900">{row.item.name}</p>
                  <p className="text-xs text-slate-500">
                    {sign}
                    {adjustmentValueLabel(row.item)} · {describeDuration(row.item.duration, "cycle")}
                  </p>
                </div>
                <div>
                  <label htmlFor={`${base}-value`} className="block text-xs font-medium text-slate-600">
                    {pct ? "Override %" : "Override amount"}
                  </label>
                  <input
                    id={`${base}-value`}
                    inputMode="decimal"
                    className={cn("mt-1", inputClass)}
                    placeholder={
                      pct
                        ? formatPercent(row.item.percentage!).replace("%", "")
                        : centsToDecimalString(row.item.amount ?? 0)
                    }
                    value={row.value}
                    aria-invalid={valueErr ? true : undefined}
                    aria-describedby={valueErr ? `${base}-value-error` : undefined}
                    onChange={(e) => update(i, { value: e.target.value })}
                  />
                  <FieldError id={`${base}-value-error`} errors={valueErr} />
                </div>
                <div>
                  <label htmlFor={`${base}-cycles`} className="block text-xs font-medium text-slate-600">
                    Override cycles
                  </label>
                  <input
                    id={`${base}-cycles`}
                    inputMode="numeric"
                    className={cn("mt-1", inputClass)}
                    placeholder={String(row.item.duration)}
                    value={row.cycles}
                    aria-invalid={cyclesErr ? true : undefined}
                    aria-describedby={cyclesErr ? `${base}-cycles-error` : undefined}
                    onChange={(e) => update(i, { cycles: e.target.value })}
                  />
                  <FieldError id={`${base}-cycles-error`} errors={cyclesErr} />
                </div>
                <div className="sm:pt-5">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove ${row.item.name}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {available.length ? (
        <div className="mt-2 flex items-end gap-2">
          <div>
            <label htmlFor={selectId} className="sr-only">
              {`Attach ${label.toLowerCase()}`}
            </label>
            <select id={selectId} className={inputClass} value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">{`Choose from ${label.toLowerCase()}…`}</option>
              {available.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({sign}
                  {adjustmentValueLabel(c)}, {describeDuration(c.duration, "cycle").toLowerCase()})
                </option>
              ))}
            </select>
          </div>
          <Button
            variant="secondary"
            disabled={!pick}
            onClick={() => {
              const item = catalog.find((c) => c.id === pick);
              if (item) onChange([...rows, rowFromItem(item)]);
              setPick("");
            }}
          >
            {list === "addOns" ? "Attach add-on" : "Attach discount"}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Add-ons and discounts attached to a plan or a subscription, with their overrides (the same card in both forms). */
export function AdjustmentsCard({
  description,
  catalogs,
  addOns,
  discounts,
  onAddOns,
  onDiscounts,
  errors,
}: {
  description: string;
  catalogs: { addOns: CatalogItem[]; discounts: CatalogItem[] };
  addOns: AttachedRow[];
  discounts: AttachedRow[];
  onAddOns: (rows: AttachedRow[]) => void;
  onDiscounts: (rows: AttachedRow[]) => void;
  errors: Errors;
}) {
  return (
    <Card title="Add-ons and discounts" description={description}>
      <div className="space-y-6">
        <AttachmentsEditor
          list="addOns"
          label="Add-ons"
          catalog={catalogs.addOns}
          rows={addOns}
          onChange={onAddOns}
          errors={errors}
          sign="+"
        />
        <AttachmentsEditor
          list="discounts"
          label="Discounts"
          catalog={catalogs.discounts}
          rows={discounts}
          onChange={onDiscounts}
          errors={errors}
          sign="−"
        />
      </div>
    </Card>
  );
}

/** The per-cycle price after add-ons and discounts, as it changes when they expire. */
export function PricePanel({
  amountText,
  addOns,
  discounts,
}: {
  amountText: string;
  addOns: AttachedRow[];
  discounts: AttachedRow[];
}) {
  const parsed = parseMoney(amountText || "0", "USD");
  if (!parsed.ok) {
    return <p className="text-sm text-slate-500">Enter an amount to see the price per cycle.</p>;
  }
  let steps;
  try {
    steps = priceSteps({ amount: parsed.cents, addOns: applied(addOns), discounts: applied(discounts) });
  } catch {
    return <p className="text-sm text-slate-500">Fix the highlighted values to see the price per cycle.</p>;
  }
  return (
    <div aria-live="polite">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Price per cycle</p>
      <dl className="mt-2 space-y-1" data-testid="price-per-cycle">
        {steps.map((s) => (
          <div key={s.from} className="flex items-baseline justify-between gap-6 text-sm">
            <dt className="text-slate-600">{describeStep(s)}</dt>
            <dd className="font-semibold tabular-nums text-slate-900">{formatMoney(s.amount)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        Base amount + add-ons − discounts; percentages are of the base amount, rounded once to the cent.
      </p>
    </div>
  );
}

/** A plan's schedule as the form's text fields (a new form's defaults without one). */
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

type PricingSource = Parameters<typeof scheduleStateOf>[0] & { addOns: CatalogItem[]; discounts: CatalogItem[] };

/**
 * The pricing a plan or subscription form edits: the schedule and the attached add-ons and discounts, started from a
 * plan (its attachments are its own snapshot, so their values are kept explicitly on save).
 */
export function usePricing(from?: PricingSource) {
  const [schedule, setSchedule] = useState<ScheduleState>(scheduleStateOf(from));
  const [addOns, setAddOns] = useState<AttachedRow[]>(from?.addOns.map((a) => rowFromItem(a, true)) ?? []);
  const [discounts, setDiscounts] = useState<AttachedRow[]>(from?.discounts.map((a) => rowFromItem(a, true)) ?? []);
  return {
    schedule,
    setSchedule,
    addOns,
    setAddOns,
    discounts,
    setDiscounts,
    /** Start over from another plan's terms. */
    reset(plan: PricingSource) {
      setSchedule(scheduleStateOf(plan));
      setAddOns(plan.addOns.map((a) => rowFromItem(a, true)));
      setDiscounts(plan.discounts.map((a) => rowFromItem(a, true)));
    },
    /** The attachments as the action takes them, or the overrides' field errors. */
    refs() {
      const a = refsFor("addOns", addOns);
      const d = refsFor("discounts", discounts);
      const errors = { ...a.errors, ...d.errors };
      return Object.keys(errors).length
        ? { ok: false as const, errors }
        : { ok: true as const, addOns: a.refs, discounts: d.refs };
    },
  };
}

export type Pricing = ReturnType<typeof usePricing>;

/** The plan and subscription forms' body: their cards, then the adjustments, with the live price beside them. */
export function PricingLayout({
  pricing,
  adjustmentsDescription,
  catalogs,
  errors,
  children,
}: {
  pricing: Pricing;
  adjustmentsDescription: string;
  catalogs: { addOns: CatalogItem[]; discounts: CatalogItem[] };
  errors: Errors;
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-5">
        {children}
        <AdjustmentsCard
          description={adjustmentsDescription}
          catalogs={catalogs}
          addOns={pricing.addOns}
          discounts={pricing.discounts}
          onAddOns={pricing.setAddOns}
          onDiscounts={pricing.setDiscounts}
          errors={errors}
        />
      </div>
      <div>
        <Card className="lg:sticky lg:top-6">
          <PricePanel amountText={pricing.schedule.amount} addOns={pricing.addOns} discounts={pricing.discounts} />
        </Card>
      </div>
    </div>
  );
}

/**
 * The plan and subscription forms: PricingLayout inside a form whose submit checks the attachments' overrides, then
 * runs `save` with them; on success it goes to `next(data)`, otherwise it shows the action's message and field errors.
 */
export function PricingForm<T>({
  pricing,
  save,
  next,
  adjustmentsDescription,
  catalogs,
  actions,
  children,
}: {
  pricing: Pricing;
  save: (refs: { addOns: Record<string, unknown>[]; discounts: Record<string, unknown>[] }) => Promise<ActionResult<T>>;
  next: (data: T) => string;
  adjustmentsDescription: string;
  catalogs: { addOns: CatalogItem[]; discounts: CatalogItem[] };
  actions: (pending: boolean) => ReactNode;
  children: (errors: Errors) => ReactNode;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const refs = pricing.refs();
    if (!refs.ok) {
      setErrors(refs.errors);
      setMessage("Please correct the highlighted fields.");
      return;
    }
    start(async () => {
      const r = await save({ addOns: refs.addOns, discounts: refs.discounts });
      if (r.ok) {
        router.push(next(r.data));
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
      <PricingLayout
        pricing={pricing}
        adjustmentsDescription={adjustmentsDescription}
        catalogs={catalogs}
        errors={errors}
      >
        {children(errors)}
      </PricingLayout>
      {actions(pending)}
    </form>
  );
}
