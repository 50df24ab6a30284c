import Link from "next/link";
import { InvoiceStateBadge } from "@/components/invoices/status-badge";
import { formatDateTime } from "@/components/transactions/format";
import type { listCustomerInvoices, listCustomerSubscriptions } from "@/db/queries/customers";
import { formatMoney } from "@/lib/money";

type InvoiceRow = Awaited<ReturnType<typeof listCustomerInvoices>>[number];
type SubscriptionRow = Awaited<ReturnType<typeof listCustomerSubscriptions>>[number];

/** The customer's invoices and subscriptions (from the cache) on the customer page. */
export function CustomerInvoices({ rows, base }: { rows: InvoiceRow[]; base: string }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No invoices for this customer.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((i) => (
        <li key={i.id} className="flex items-center justify-between gap-3 py-2.5 first:pt-0 last:pb-0">
          <div className="min-w-0">
            <Link
              href={`${base}/invoices/${encodeURIComponent(i.id)}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              Invoice {i.number ?? i.id}
            </Link>
            <p className="text-xs text-slate-500">Due {formatDateTime(i.dueAt)}</p>
          </div>
          <div className="flex items-center gap-3">
            <InvoiceStateBadge state={i.state} />
            <span className="text-sm font-medium tabular-nums">{formatMoney(i.total, i.currency)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function CustomerSubscriptions({ rows, base }: { rows: SubscriptionRow[]; base: string }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No subscriptions for this customer.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((s) => (
        <li key={s.id} className="flex items-center justify-between gap-3 py-2.5 first:pt-0 last:pb-0">
          <div className="min-w-0">
            <Link
              href={`${base}/recurring/subscriptions/${encodeURIComponent(s.id)}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              {s.planName ?? s.description ?? `Subscription ${s.id}`}
            </Link>
            <p className="text-xs text-slate-500">
              {s.status.replace(/_/g, " ")}
              {s.nextBillDate ? ` · next bill ${s.nextBillDate}` : ""}
            </p>
          </div>
          <span className="text-sm font-medium tabular-nums">{formatMoney(s.amount, s.currency)}</span>
        </li>
      ))}
    </ul>
  );
}
