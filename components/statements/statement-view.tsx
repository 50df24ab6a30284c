import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import type { StatementFigures } from "@/db/queries/statements";
import { displayFigure, FIGURE_COLUMNS, STATEMENT_NOTE } from "@/lib/services/statements/render";

/** The month picker of a statement page: a month input, and links to the previous and next months. */
export function MonthPicker({ base, month }: { base: string; month: string }) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const shift = (d: number) => {
    const t = new Date(Date.UTC(y, m - 1 + d, 1));
    return t.toISOString().slice(0, 7);
  };
  return (
    <form method="get" action={base} className="flex flex-wrap items-end gap-3" aria-label="Choose a month">
      <Link href={`${base}?month=${shift(-1)}`} className={buttonClass("secondary", "sm")}>
        ← {shift(-1)}
      </Link>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">Month</span>
        <input type="month" name="month" defaultValue={month} className={cn("mt-1", inputClass)} />
      </label>
      <button type="submit" className={buttonClass("secondary", "sm")}>
        Show
      </button>
      <Link href={`${base}?month=${shift(1)}`} className={buttonClass("secondary", "sm")}>
        {shift(1)} →
      </Link>
    </form>
  );
}

/** The headline figures of a statement. */
export function StatementSummary({ totals, currency }: { totals: StatementFigures; currency: string }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="statement-summary">
      {FIGURE_COLUMNS.filter((c) => c.money).map((c) => (
        <div key={c.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{c.label}</dt>
          <dd className="mt-1 text-lg font-semibold text-slate-900" data-figure={c.key}>
            {displayFigure(c, totals, currency)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A statement's table: a first column (day or merchant), every figure, and the totals row. */
export function StatementTable({
  caption,
  first,
  rows,
  totals,
  currency,
}: {
  caption: string;
  first: string;
  rows: { key: string; label: React.ReactNode; figures: StatementFigures }[];
  totals: StatementFigures;
  currency: string;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title="Nothing this month">No sales, refunds or deposits were recorded in this month.</EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
        tabIndex={0}
        role="region"
        aria-label={caption}
      >
        <table className="min-w-full text-sm" data-testid="statement-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <th scope="col" className="px-3 py-2">
                {first}
              </th>
              {FIGURE_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className="px-3 py-2 text-right">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.key} data-row={r.key}>
                <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap text-slate-900">
                  {r.label}
                </th>
                {FIGURE_COLUMNS.map((c) => (
                  <td key={c.key} className="px-3 py-2 text-right whitespace-nowrap tabular-nums" data-cell={c.key}>
                    {displayFigure(c, r.figures, currency)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-semibold" data-row="total">
              <th scope="row" className="px-3 py-2 text-left">
                Total
              </th>
              {FIGURE_COLUMNS.map((c) => (
                <td key={c.key} className="px-3 py-2 text-right whitespace-nowrap tabular-nums" data-cell={c.key}>
                  {displayFigure(c, totals, currency)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-xs text-slate-500">{STATEMENT_NOTE}</p>
    </div>
  );
}

/** Download links for a statement (CSV and PDF of the same month). */
export function StatementDownloads({ csv, pdf }: { csv: string; pdf: string }) {
  return (
    <div className="flex gap-2">
      <a className={buttonClass("secondary", "sm")} href={csv}>
        Download CSV
      </a>
      <a className={buttonClass("secondary", "sm")} href={pdf}>
        Download PDF
      </a>
    </div>
  );
}
