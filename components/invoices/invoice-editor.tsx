"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/field";
import { createInvoiceAction, updateInvoiceAction } from "@/lib/actions/invoices";
import type { ActionResult } from "@/lib/action-result";
import { formatMoney } from "@/lib/money";
import {
  type AddressDraft,
  draftTotals,
  emptyLine,
  type InvoiceDraft,
  type InvoiceLineDraft,
  SEND_CHANNEL_LABELS,
  SEND_CHANNELS,
} from "@/lib/validations/invoices";
import { TotalsTable } from "./totals-table";
import { cn } from "@/components/ui/cn";

export interface BillableCustomer {
  id: string;
  label: string;
  address: AddressDraft;
}

type Result = ActionResult<{ invoiceId: string; url: string | null }> | null;

const BILL_FIELDS: { key: keyof AddressDraft; label: string; span?: string; auto?: string }[] = [
  { key: "firstName", label: "First name", auto: "given-name" },
  { key: "lastName", label: "Last name", auto: "family-name" },
  { key: "company", label: "Company", span: "sm:col-span-2", auto: "organization" },
  { key: "email", label: "Email", auto: "email" },
  { key: "phone", label: "Phone", auto: "tel" },
  { key: "line1", label: "Address line 1", span: "sm:col-span-2", auto: "address-line1" },
  { key: "line2", label: "Address line 2", span: "sm:col-span-2", auto: "address-line2" },
  { key: "city", label: "City", auto: "address-level2" },
  { key: "state", label: "State", auto: "address-level1" },
  { key: "postalCode", label: "Postal code", auto: "postal-code" },
  { key: "country", label: "Country", auto: "country" },
];
const PAYABLE_FIELDS: { key: keyof AddressDraft; label: string; span?: string }[] = [
  { key: "company", label: "Your business name", span: "sm:col-span-2" },
  { key: "line1", label: "Your street address", span: "sm:col-span-2" },
  { key: "city", label: "Your city" },
  { key: "state", label: "Your state" },
  { key: "postalCode", label: "Your postal code" },
];

function Input({
  id,
  label,
  value,
  onChange,
  errors,
  className = "",
  ...rest
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  className?: string;
} & Omit<React.ComponentProps<"input">, "id" | "value" | "onChange">) {
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={cn("mt-1", inputClass)}
        {...rest}
      />
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

export function InvoiceEditor({
  merchantId,
  invoiceId,
  initial,
  customers,
  amountPaid = 0,
  onlineMethods = ["card", "ach"],
}: {
  merchantId: string;
  /** What the customer can pay with on the pay page for this merchant (ACH may be unavailable). */
  onlineMethods?: ("card" | "ach")[];
  /** Set when editing an existing invoice. */
  invoiceId?: string;
  initial: InvoiceDraft;
  customers: BillableCustomer[];
  amountPaid?: number;
}) {
  const router = useRouter();
  const [d, setD] = useState<InvoiceDraft>(initial);
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());

  const [state, formAction, pending] = useActionState<Result, FormData>(
    (invoiceId ? updateInvoiceAction : createInvoiceAction) as (p: Result, f: FormData) => Promise<Result>,
    null,
  );
  const totals = useMemo(() => draftTotals(d, amountPaid), [d, amountPaid]);

  useEffect(() => {
    if (state?.ok) router.push(`/m/${merchantId}/invoices/${encodeURIComponent(state.data.invoiceId)}?saved=1`);
  }, [state, router, merchantId]);

  const errors = (path: string): string[] | undefined =>
    state && !state.ok ? (state.fieldErrors?.[`invoice.${path}`] ?? state.fieldErrors?.[path]) : undefined;
  const set = <K extends keyof InvoiceDraft>(k: K, v: InvoiceDraft[K]) => setD((p) => ({ ...p, [k]: v }));
  const setLine = (i: number, patch: Partial<InvoiceLineDraft>) =>
    setD((p) => ({ ...p, items: p.items.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const setAddress = (who: "billTo" | "payableTo", k: keyof AddressDraft, v: string) =>
    setD((p) => ({ ...p, [who]: { ...p[who], [k]: v } }));
  const toggleMethod = (m: "card" | "ach", on: boolean) =>
    set("paymentMethods", on ? [...new Set([...d.paymentMethods, m])] : d.paymentMethods.filter((x) => x !== m));
  const pickCustomer = (id: string) => {
    const c = customers.find((x) => x.id === id);
    setD((p) => ({ ...p, customerId: id, billTo: c ? { ...c.address } : p.billTo }));
  };
  const formError = state && !state.ok ? state.error : null;
  const itemsError = errors("items");
  const lineTaxes = d.taxMode === "items";

  return (
    <form action={formAction} className="grid gap-6 lg:grid-cols-[1fr_20rem]" noValidate>
      {invoiceId ? null : <input type="hidden" name="intentId" value={intentId} />}
      <input type="hidden" name="merchantId" value={merchantId} />
      {invoiceId ? <input type="hidden" name="invoiceId" value={invoiceId} /> : null}
      <input type="hidden" name="invoice" value={JSON.stringify(d)} />

      <div className="space-y-6">
        {formError ? <Alert tone="error">{formError}</Alert> : null}

        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="bill-to">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="bill-to" className="text-sm font-semibold text-slate-900">
              Bill to
            </h2>
            {customers.length ? (
              <div className="min-w-60">
                <label htmlFor="customerId" className="block text-xs font-medium text-slate-600">
                  Fill from a saved customer
                </label>
                <select
                  id="customerId"
                  value={d.customerId}
                  onChange={(e) => pickCustomer(e.target.value)}
                  className={cn("mt-1", inputClass)}
                >
                  <option value="">Typed below (no vault customer)</option>
                  {customers.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            {BILL_FIELDS.map((f) => (
              <Input
                key={f.key}
                id={`billTo-${f.key}`}
                label={f.label}
                value={d.billTo[f.key] ?? ""}
                onChange={(v) => setAddress("billTo", f.key, v)}
                errors={errors(`billTo.${f.key}`)}
                className={f.span}
                autoComplete="off"
                type={f.key === "email" ? "email" : f.key === "phone" ? "tel" : "text"}
              />
            ))}
          </div>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="items-title">
          <div className="flex items-center justify-between">
            <h2 id="items-title" className="text-sm font-semibold text-slate-900">
              Items
            </h2>
            <Button variant="secondary" size="sm" onClick={() => set("items", [...d.items, emptyLine()])}>
              Add item
            </Button>
          </div>
          {itemsError ? <p className="mt-2 text-xs text-red-700">{itemsError[0]}</p> : null}
          <ol className="mt-3 space-y-4">
            {d.items.map((line, i) => {
              const n = i + 1;
              const lt = totals.lines[i];
              return (
                <li key={i} className="rounded-md border border-slate-200 p-3" aria-label={`Item ${n}`}>
                  <div className="grid gap-3 sm:grid-cols-12">
                    <Input
                      id={`item-${i}-name`}
                      label={`Item ${n} name`}
                      value={line.name}
                      onChange={(v) => setLine(i, { name: v })}
                      errors={errors(`items.${i}.name`)}
                      className="sm:col-span-5"
                    />
                    <Input
                      id={`item-${i}-quantity`}
                      label="Quantity"
                      inputMode="numeric"
                      value={line.quantity}
                      onChange={(v) => setLine(i, { quantity: v })}
                      errors={errors(`items.${i}.quantity`)}
                      className="sm:col-span-2"
                    />
                    <Input
                      id={`item-${i}-unitPrice`}
                      label="Unit price"
                      inputMode="decimal"
                      placeholder="0.00"
                      value={line.unitPrice}
                      onChange={(v) => setLine(i, { unitPrice: v })}
                      errors={errors(`items.${i}.unitPrice`)}
                      className="sm:col-span-3"
                    />
                    <div className="flex items-end justify-end sm:col-span-2">
                      <p
                        className="pb-2 text-sm font-medium tabular-nums text-slate-900"
                        aria-label={`Item ${n} amount`}
                      >
                        {lt ? formatMoney(lt.amount) : "—"}
                      </p>
                    </div>
                    <Input
                      id={`item-${i}-description`}
                      label="Description (optional)"
                      value={line.description}
                      onChange={(v) => setLine(i, { description: v })}
                      errors={errors(`items.${i}.description`)}
                      className="sm:col-span-5"
                    />
                    <div className="sm:col-span-3">
                      <label htmlFor={`item-${i}-discount`} className="block text-sm font-medium text-slate-800">
                        Discount
                      </label>
                      <div className="mt-1 flex">
                        <input
                          id={`item-${i}-discount`}
                          inputMode="decimal"
                          value={line.discount}
                          onChange={(e) => setLine(i, { discount: e.target.value })}
                          aria-invalid={errors(`items.${i}.discount`) ? true : undefined}
                          aria-describedby={errors(`items.${i}.discount`) ? `item-${i}-discount-error` : undefined}
                          className={cn(inputClass, "rounded-r-none")}
                        />
                        <select
                          aria-label={`Item ${n} discount type`}
                          value={line.discountType}
                          onChange={(e) => setLine(i, { discountType: e.target.value as "amount" | "percent" })}
                          className="rounded-r-md border-0 bg-slate-50 px-2 text-sm ring-1 ring-inset ring-slate-300"
                        >
                          <option value="amount">$</option>
                          <option value="percent">%</option>
                        </select>
                      </div>
                      <FieldError id={`item-${i}-discount-error`} errors={errors(`items.${i}.discount`)} />
                    </div>
                    <Input
                      id={`item-${i}-taxRate`}
                      label="Tax rate %"
                      inputMode="decimal"
                      value={line.taxRate}
                      onChange={(v) => setLine(i, { taxRate: v })}
                      errors={errors(`items.${i}.taxRate`)}
                      disabled={!lineTaxes || !line.taxable}
                      title={lineTaxes ? undefined : "The invoice-level tax applies instead"}
                      className="sm:col-span-2"
                    />
                    <div className="flex items-end justify-between gap-2 sm:col-span-2">
                      <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
                        <input
                          type="checkbox"
                          checked={line.taxable}
                          onChange={(e) => setLine(i, { taxable: e.target.checked })}
                          className="h-4 w-4 rounded border-slate-300"
                        />
                        Taxable
                      </label>
                      {d.items.length > 1 ? (
                        <button
                          type="button"
                          onClick={() =>
                            set(
                              "items",
                              d.items.filter((_, j) => j !== i),
                            )
                          }
                          className="pb-2 text-xs text-red-700 hover:underline"
                          aria-label={`Remove item ${n}`}
                        >
                          Remove
                        </button>
                      ) : null}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="charges-title">
          <h2 id="charges-title" className="text-sm font-semibold text-slate-900">
            Tax, shipping and adjustment
          </h2>
          <fieldset className="mt-3">
            <legend className="text-sm font-medium text-slate-800">Tax</legend>
            <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
              {(
                [
                  ["items", "Per item (item tax rates)"],
                  ["percent", "Invoice tax percent"],
                  ["flat", "Flat tax amount"],
                ] as const
              ).map(([mode, label]) => (
                <label key={mode} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="taxModeChoice"
                    checked={d.taxMode === mode}
                    onChange={() => set("taxMode", mode)}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-4 grid gap-4 sm:grid-cols-3">
            {d.taxMode === "percent" ? (
              <Input
                id="taxPercent"
                label="Tax percent (taxable items)"
                inputMode="decimal"
                placeholder="8.25"
                value={d.taxPercent}
                onChange={(v) => set("taxPercent", v)}
                errors={errors("taxPercent")}
              />
            ) : null}
            {d.taxMode === "flat" ? (
              <Input
                id="taxAmount"
                label="Tax amount"
                inputMode="decimal"
                value={d.taxAmount}
                onChange={(v) => set("taxAmount", v)}
                errors={errors("taxAmount")}
              />
            ) : null}
            <Input
              id="shipping"
              label="Shipping"
              inputMode="decimal"
              placeholder="0.00"
              value={d.shipping}
              onChange={(v) => set("shipping", v)}
              errors={errors("shipping")}
            />
            <Input
              id="adjustment"
              label="Adjustment (+/−)"
              inputMode="decimal"
              placeholder="0.00"
              value={d.adjustment}
              onChange={(v) => set("adjustment", v)}
              errors={errors("adjustment")}
            />
          </div>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="terms-title">
          <h2 id="terms-title" className="text-sm font-semibold text-slate-900">
            Terms and payment
          </h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-3">
            <Input
              id="number"
              label="Invoice number"
              placeholder="Automatic (INV-…)"
              value={d.number}
              onChange={(v) => set("number", v)}
              errors={errors("number")}
            />
            <Input
              id="dueDate"
              label="Due date"
              type="date"
              value={d.dueDate}
              onChange={(v) => set("dueDate", v)}
              errors={errors("dueDate")}
            />
            <div>
              <label htmlFor="transactionType" className="block text-sm font-medium text-slate-800">
                Charge as
              </label>
              <select
                id="transactionType"
                value={d.transactionType}
                onChange={(e) => set("transactionType", e.target.value as "sale" | "authorize")}
                className={cn("mt-1", inputClass)}
              >
                <option value="sale">Sale (capture now)</option>
                <option value="authorize">Authorization (capture later)</option>
              </select>
            </div>
          </div>
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-slate-800">Customer may pay by</legend>
            <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={d.paymentMethods.includes("card")}
                  onChange={(e) => toggleMethod("card", e.target.checked)}
                />
                Card
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={d.paymentMethods.includes("ach")}
                  disabled={!onlineMethods.includes("ach") && !d.paymentMethods.includes("ach")}
                  aria-describedby={onlineMethods.includes("ach") ? undefined : "ach-unavailable"}
                  onChange={(e) => toggleMethod("ach", e.target.checked)}
                />
                Bank account (ACH)
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={d.allowPartialPayment}
                  onChange={(e) => set("allowPartialPayment", e.target.checked)}
                />
                Allow partial payments
              </label>
            </div>
            {onlineMethods.includes("ach") ? null : (
              <p id="ach-unavailable" className="mt-1 text-xs text-slate-500">
                Bank account (ACH) payments aren&apos;t available on the pay page for this merchant&apos;s gateway;
                customers pay by card.
              </p>
            )}
            <FieldError id="paymentMethods-error" errors={errors("paymentMethods")} />
          </fieldset>
          <div className="mt-4">
            <label htmlFor="message" className="block text-sm font-medium text-slate-800">
              Message to the customer
            </label>
            <textarea
              id="message"
              rows={3}
              value={d.message}
              onChange={(e) => set("message", e.target.value)}
              className={cn("mt-1", inputClass)}
            />
            <FieldError id="message-error" errors={errors("message")} />
          </div>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="payable-title">
          <h2 id="payable-title" className="text-sm font-semibold text-slate-900">
            Payable to
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">Your business address as printed on the invoice.</p>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            {PAYABLE_FIELDS.map((f) => (
              <Input
                key={f.key}
                id={`payableTo-${f.key}`}
                label={f.label}
                value={d.payableTo[f.key] ?? ""}
                onChange={(v) => setAddress("payableTo", f.key, v)}
                errors={errors(`payableTo.${f.key}`)}
                className={f.span}
              />
            ))}
          </div>
        </section>
      </div>

      <aside className="lg:sticky lg:top-6 lg:self-start">
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-live="polite">
          <h2 className="text-sm font-semibold text-slate-900">Summary</h2>
          <div className="mt-3">
            <TotalsTable totals={totals} />
          </div>
          <div className="mt-5 border-t border-slate-100 pt-4">
            <label htmlFor="sendVia" className="block text-sm font-medium text-slate-800">
              {invoiceId ? "Delivery (use Send on the invoice page)" : "When saved"}
            </label>
            <select
              id="sendVia"
              value={d.sendVia}
              onChange={(e) => set("sendVia", e.target.value as InvoiceDraft["sendVia"])}
              className={cn("mt-1", inputClass)}
            >
              {SEND_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c === "none" ? "Save as draft" : `Send by ${SEND_CHANNEL_LABELS[c].toLowerCase()}`}
                </option>
              ))}
            </select>
            <Button type="submit" className="mt-4 w-full" disabled={pending}>
              {pending
                ? "Saving…"
                : invoiceId
                  ? "Save changes"
                  : d.sendVia === "none"
                    ? "Save draft"
                    : "Create and send"}
            </Button>
          </div>
        </div>
      </aside>
    </form>
  );
}
