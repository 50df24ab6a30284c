"use client";

import { DraftInput, type EditorPart } from "./input";

export function ChargesSection(part: EditorPart) {
  const { d, set } = part;
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
          <DraftInput
            editor={part}
            k="taxPercent"
            label="Tax percent (taxable items)"
            inputMode="decimal"
            placeholder="8.25"
          />
        ) : null}
        {d.taxMode === "flat" ? (
          <DraftInput editor={part} k="taxAmount" label="Tax amount" inputMode="decimal" />
        ) : null}
        <DraftInput editor={part} k="shipping" label="Shipping" inputMode="decimal" placeholder="0.00" />
        <DraftInput editor={part} k="adjustment" label="Adjustment (+/−)" inputMode="decimal" placeholder="0.00" />
      </div>
    </section>
  );
}
