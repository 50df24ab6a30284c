import { addressBlock, formatDueDate } from "@/components/invoices/format";
import { ItemsTable } from "@/components/invoices/items-table";
import { TotalsTable } from "@/components/invoices/totals-table";
import type { InvoiceRow } from "@/db/queries/invoices";
import { percentStringToThousandths, thousandthsToPercentString } from "@/lib/money";

/** The invoice as the customer sees it: who bills whom, the items and the totals. Server-rendered. */
export function InvoiceSheet({ row }: { row: InvoiceRow }) {
  const doc = row.document;
  const pct = doc.taxPercent ? percentStringToThousandths(doc.taxPercent) : 0;
  const taxLabel = pct ? `Tax (${thousandthsToPercentString(pct).replace(/\.?0+$/, "")}%)` : "Tax";
  const billTo = addressBlock(doc.billTo);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap justify-between gap-4 text-sm">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Billed to</p>
          <address className="mt-1 not-italic leading-6 text-slate-800">
            {billTo.length ? billTo.slice(0, 5).map((l, i) => <div key={i}>{l}</div>) : "—"}
          </address>
        </div>
        <dl className="text-right">
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Invoice</dt>
          <dd className="mt-1 text-slate-800">{row.number ? `#${row.number}` : row.id.slice(-8)}</dd>
          <dt className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Due</dt>
          <dd className="mt-1 text-slate-800">{formatDueDate(row.dueAt)}</dd>
        </dl>
      </div>
      <ItemsTable items={doc.items} currency={row.currency} />
      <div className="ml-auto max-w-xs">
        <TotalsTable totals={row} currency={row.currency} taxLabel={taxLabel} />
      </div>
      {doc.message ? <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{doc.message}</p> : null}
    </div>
  );
}
