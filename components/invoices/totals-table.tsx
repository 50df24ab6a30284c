import { formatMoney } from "@/lib/money";
import { cn } from "@/components/ui/cn";

export interface TotalsView {
  subtotal: number;
  discount?: number;
  tax: number;
  shipping: number;
  adjustment: number;
  total: number;
  amountPaid: number;
  amountDue: number;
}

/** Subtotal → amount due, right-aligned; used by the editor (live), the detail page and the pay page. */
export function TotalsTable({
  totals,
  currency = "USD",
  taxLabel = "Tax",
}: {
  totals: TotalsView;
  currency?: string;
  taxLabel?: string;
}) {
  const row = (label: string, cents: number, strong = false, testId?: string) => (
    <div className={cn("flex justify-between gap-6 py-1", strong ? "font-semibold text-slate-900" : "text-slate-600")}>
      <dt>{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {formatMoney(cents, currency)}
      </dd>
    </div>
  );
  return (
    <dl className="text-sm">
      {row("Subtotal", totals.subtotal, false, "totals-subtotal")}
      {totals.discount ? (
        <p className="pb-1 text-right text-xs text-slate-500">includes {formatMoney(totals.discount, currency)} off</p>
      ) : null}
      {row(taxLabel, totals.tax, false, "totals-tax")}
      {totals.shipping ? row("Shipping", totals.shipping, false, "totals-shipping") : null}
      {totals.adjustment ? row("Adjustment", totals.adjustment) : null}
      <div className="my-1 border-t border-slate-200" />
      {row("Total", totals.total, true, "totals-total")}
      {totals.amountPaid ? row("Paid", -totals.amountPaid, false, "totals-paid") : null}
      {totals.amountPaid ? (
        <>
          <div className="my-1 border-t border-slate-200" />
          {row("Amount due", totals.amountDue, true, "totals-due")}
        </>
      ) : null}
    </dl>
  );
}
