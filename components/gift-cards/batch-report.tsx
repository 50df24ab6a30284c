import type { GiftCardBatch } from "@/lib/giftcard/types";
import { formatMoney } from "@/lib/money";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { type Column, Table } from "@/components/ui/table";

const TYPE_WORDS = { sell: "Sold", reload: "Reload", redeem: "Redeem", other: "Other" } as const;

type Line = GiftCardBatch["lines"][number];

const COLUMNS: Column<Line>[] = [
  {
    key: "time",
    header: "Time",
    className: "whitespace-nowrap text-slate-600",
    cell: (l) => (l.at ? new Date(l.at).toLocaleTimeString("en-US", { timeStyle: "short" }) : "—"),
  },
  { key: "type", header: "Type", className: "text-slate-900", cell: (l) => TYPE_WORDS[l.type] },
  {
    key: "card",
    header: "Card",
    className: "font-mono text-slate-700",
    cell: (l) => (l.lastFour ? `••••${l.lastFour}` : "—"),
  },
  { key: "amount", header: "Amount", align: "right", cell: (l) => formatMoney(l.amount) },
  {
    key: "approved",
    header: "Approved",
    align: "right",
    cell: (l) => (
      <>
        {formatMoney(l.approved)}
        {l.approved < l.amount ? <span className="ml-1 text-xs text-amber-700">(partial)</span> : null}
      </>
    ),
  },
  {
    key: "balance",
    header: "Balance after",
    align: "right",
    cell: (l) => (l.newBalance === null ? "—" : formatMoney(l.newBalance)),
  },
  { key: "ref", header: "Reference", className: "font-mono text-xs text-slate-500", cell: (l) => l.hostRef },
];

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
        <Table
          variant="bleed"
          region="Gift-card transactions of the day"
          className="-mx-5 -mb-4 border-t border-slate-100"
          caption="Gift-card transactions of the day"
          columns={COLUMNS}
          rows={batch.lines}
          rowKey={(l) => l.hostRef}
        />
      )}
    </Card>
  );
}
