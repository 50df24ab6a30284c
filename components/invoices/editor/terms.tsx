"use client";

import { cn } from "@/components/ui/cn";
import { FieldError, inputClass } from "@/components/ui/field";
import { DraftInput, type EditorPart } from "./input";

export function TermsSection({ onlineMethods, ...part }: EditorPart & { onlineMethods: ("card" | "ach")[] }) {
  const { d, set, errors } = part;
  const toggleMethod = (m: "card" | "ach", on: boolean) =>
    set("paymentMethods", on ? [...new Set([...d.paymentMethods, m])] : d.paymentMethods.filter((x) => x !== m));
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="terms-title">
      <h2 id="terms-title" className="text-sm font-semibold text-slate-900">
        Terms and payment
      </h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <DraftInput editor={part} k="number" label="Invoice number" placeholder="Automatic (INV-…)" />
        <DraftInput editor={part} k="dueDate" label="Due date" type="date" />
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
  );
}
