"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { type draftTotals, type InvoiceDraft, SEND_CHANNEL_LABELS, SEND_CHANNELS } from "@/lib/validations/invoices";
import { TotalsTable } from "../totals-table";
import type { EditorPart } from "./input";

/** The sticky side panel: live totals, how the invoice goes out, and the submit button. */
export function SummaryPanel({
  d,
  set,
  totals,
  invoiceId,
  pending,
}: Pick<EditorPart, "d" | "set"> & { totals: ReturnType<typeof draftTotals>; invoiceId?: string; pending: boolean }) {
  return (
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
            {pending ? "Saving…" : invoiceId ? "Save changes" : d.sendVia === "none" ? "Save draft" : "Create and send"}
          </Button>
        </div>
      </div>
    </aside>
  );
}
