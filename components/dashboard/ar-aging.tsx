import Link from "next/link";
import { listReceivables } from "@/db/queries/ar-aging";
import { agingBuckets } from "@/lib/dashboard/ar-aging";
import { formatMoney } from "@/lib/money";

/**
 * Accounts receivable aging (server component): what customers owe on sent, unpaid invoices, by how late it is —
 * a table, so the figures are there for every reader (no chart to describe).
 */
export async function ArAgingWidget({ merchantId }: { merchantId: string }) {
  const rows = await listReceivables({ merchantId });
  const currency = rows[0]?.currency ?? "USD";
  const { buckets, total } = agingBuckets(rows);
  const base = `/m/${merchantId}/invoices`;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="ar-aging-title">
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h2 id="ar-aging-title" className="text-sm font-medium text-slate-600">
          Receivables aging
        </h2>
        <Link className="text-xs text-brand-700 hover:underline" href={base}>
          Invoices
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="py-6 text-sm text-slate-500">No unpaid invoices.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Amount owed on unpaid invoices by days past due</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th scope="col" className="pb-1 font-medium">
                Past due
              </th>
              <th scope="col" className="pb-1 text-right font-medium">
                Invoices
              </th>
              <th scope="col" className="pb-1 text-right font-medium">
                Owed
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.key} data-bucket={b.key} className="border-t border-slate-100">
                <th scope="row" className="py-1.5 text-left font-normal text-slate-700">
                  {b.label}
                </th>
                <td className="py-1.5 text-right tabular-nums text-slate-600">{b.count}</td>
                <td
                  className={`py-1.5 text-right font-medium tabular-nums ${
                    b.key !== "current" && b.amount > 0 ? "text-amber-800" : "text-slate-900"
                  }`}
                >
                  {formatMoney(b.amount, currency)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-300">
              <th scope="row" className="pt-1.5 text-left font-medium">
                Total owed
              </th>
              <td />
              <td className="pt-1.5 text-right font-semibold tabular-nums">{formatMoney(total, currency)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
