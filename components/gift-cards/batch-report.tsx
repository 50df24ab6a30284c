import type { GiftCardBatch } from "@/lib/giftcard/types";
import { formatMoney } from "@/lib/money";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

const TYPE_WORDS = { sell: "Sold", reload: "Reload", redeem: "Redeem", other: "Other" } as const;

/** The store's batch for one day: totals per kind and every transaction (masked to the last four). */
export function GiftCardBatchReport({ batch, date }: { batch: GiftCardBatch; date: string }) {
  return (
    <Card
      title="Store batch"
      description={batch.storeName ? `${batch.storeName} · ${batch.date ?? date}` : (batch.date ?? date)}
      actions={
        <form method="get" className="flex items-end gap-2" aria-label="Batch date">
          <label htmlFor="batch-date" className="sr-only">
            Batch date
          </label>
          <input id="batch-date" type="date" name="date" defaultValue={batch.date ?? date} className={inputClass} />
          <button type="submit" className={buttonClass("secondary", "sm")}>
            Show
          </button>
        </form>
      }
    >
      <dl className="grid grid-cols-2 gap-4 pb-4 sm:grid-cols-4">
        {[
          ["Transactions", String(batch.count)],
          ["Sold", formatMoney(batch.totalSold)],
          ["Reloaded", formatMoney(batch.totalReloaded)],
          ["Redeemed", formatMoney(batch.totalRedeemed)],
        ].map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{k}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      {batch.lines.length === 0 ? (
        <div className="border-t border-slate-100 pt-4">
          <EmptyState title="No gift-card transactions on this day" />
        </div>
      ) : (
        <div
          className="-mx-5 -mb-4 overflow-x-auto border-t border-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          tabIndex={0}
          role="region"
          aria-label="Gift-card transactions of the day"
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">
                  Time
                </th>
                <th scope="col" className="px-5 py-2">
                  Type
                </th>
                <th scope="col" className="px-5 py-2">
                  Card
                </th>
                <th scope="col" className="px-5 py-2 text-right">
                  Amount
                </th>
                <th scope="col" className="px-5 py-2 text-right">
                  Approved
                </th>
                <th scope="col" className="px-5 py-2 text-right">
                  Balance after
                </th>
                <th scope="col" className="px-5 py-2">
                  Reference
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {batch.lines.map((l) => (
                <tr key={l.hostRef}>
                  <td className="whitespace-nowrap px-5 py-2 text-slate-600">
                    {l.at ? new Date(l.at).toLocaleTimeString("en-US", { timeStyle: "short" }) : "—"}
                  </td>
                  <td className="px-5 py-2 text-slate-900">{TYPE_WORDS[l.type]}</td>
                  <td className="px-5 py-2 font-mono text-slate-700">{l.lastFour ? `••••${l.lastFour}` : "—"}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{formatMoney(l.amount)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">
                    {formatMoney(l.approved)}
                    {l.approved < l.amount ? <span className="ml-1 text-xs text-amber-700">(partial)</span> : null}
                  </td>
                  <td className="px-5 py-2 text-right tabular-nums">
                    {l.newBalance === null ? "—" : formatMoney(l.newBalance)}
                  </td>
                  <td className="px-5 py-2 font-mono text-xs text-slate-500">{l.hostRef}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
