"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldError, inputClass } from "@/components/ui/field";
import { formatMoney } from "@/lib/money";
import { type draftTotals, emptyLine, type InvoiceLineDraft } from "@/lib/validations/invoices";
import { type EditorPart, Input } from "./input";

export function ItemsSection({ d, set, errors, totals }: EditorPart & { totals: ReturnType<typeof draftTotals> }) {
  const itemsError = errors("items");
  return (
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
        {d.items.map((line, i) => (
          <ItemRow key={i} i={i} line={line} d={d} set={set} errors={errors} amount={totals.lines[i]?.amount} />
        ))}
      </ol>
    </section>
  );
}

function ItemRow({
  i,
  line,
  d,
  set,
  errors,
  amount,
}: EditorPart & { i: number; line: InvoiceLineDraft; amount: number | undefined }) {
  const n = i + 1;
  const lineTaxes = d.taxMode === "items";
  const setLine = (patch: Partial<InvoiceLineDraft>) =>
    set(
      "items",
      d.items.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    );
  return (
    <li key={i} className="rounded-md border border-slate-200 p-3" aria-label={`Item ${n}`}>
      <div className="grid gap-3 sm:grid-cols-12">
        <Input
          id={`item-${i}-name`}
          label={`Item ${n} name`}
          value={line.name}
          onChange={(v) => setLine({ name: v })}
          errors={errors(`items.${i}.name`)}
          className="sm:col-span-5"
        />
        <Input
          id={`item-${i}-quantity`}
          label="Quantity"
          inputMode="numeric"
          value={line.quantity}
          onChange={(v) => setLine({ quantity: v })}
          errors={errors(`items.${i}.quantity`)}
          className="sm:col-span-2"
        />
        <Input
          id={`item-${i}-unitPrice`}
          label="Unit price"
          inputMode="decimal"
          placeholder="0.00"
          value={line.unitPrice}
          onChange={(v) => setLine({ unitPrice: v })}
          errors={errors(`items.${i}.unitPrice`)}
          className="sm:col-span-3"
        />
        <div className="flex items-end justify-end sm:col-span-2">
          <p className="pb-2 text-sm font-medium tabular-nums text-slate-900" aria-label={`Item ${n} amount`}>
            {amount === undefined ? "—" : formatMoney(amount)}
          </p>
        </div>
        <Input
          id={`item-${i}-description`}
          label="Description (optional)"
          value={line.description}
          onChange={(v) => setLine({ description: v })}
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
              onChange={(e) => setLine({ discount: e.target.value })}
              aria-invalid={errors(`items.${i}.discount`) ? true : undefined}
              aria-describedby={errors(`items.${i}.discount`) ? `item-${i}-discount-error` : undefined}
              className={cn(inputClass, "rounded-r-none")}
            />
            <select
              aria-label={`Item ${n} discount type`}
              value={line.discountType}
              onChange={(e) => setLine({ discountType: e.target.value as "amount" | "percent" })}
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
          onChange={(v) => setLine({ taxRate: v })}
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
              onChange={(e) => setLine({ taxable: e.target.checked })}
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
}
