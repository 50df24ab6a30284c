"use client";

import { type EditorPart, Input } from "./input";

export function ChargesSection({ d, set, errors }: EditorPart) {
  return (
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
  );
}
