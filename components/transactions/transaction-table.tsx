import Link from "next/link";
import type { TransactionListRow } from "@/db/queries/transactions";
import { formatMoney } from "@/lib/money";
import { formatDateTime, methodSummary, TYPE_LABELS } from "./format";
import { StatusBadge } from "./status-badge";

export function TransactionTable({ rows, base }: { rows: TransactionListRow[]; base: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Transactions, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">
              Date
            </th>
            <th scope="col" className="px-4 py-2.5">
              Type
            </th>
            <th scope="col" className="px-4 py-2.5">
              Status
            </th>
            <th scope="col" className="px-4 py-2.5">
              Payment method
            </th>
            <th scope="col" className="px-4 py-2.5">
              Customer / order
            </th>
            <th scope="col" className="px-4 py-2.5 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((t) => (
            <tr key={t.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                <Link
                  href={`${base}/${encodeURIComponent(t.id)}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {formatDateTime(t.createdAt)}
                </Link>
                <div className="font-mono text-xs text-slate-500">{t.id}</div>
              </td>
              <td className="px-4 py-2.5">{TYPE_LABELS[t.type] ?? t.type}</td>
              <td className="px-4 py-2.5">
                <StatusBadge status={t.status} />
              </td>
              <td className="whitespace-nowrap px-4 py-2.5">{methodSummary(t)}</td>
              <td className="px-4 py-2.5 text-slate-600">
                {t.customerName || t.billToName ? (
                  <div className="truncate">{t.customerName ?? t.billToName}</div>
                ) : null}
                {t.invoiceNumber ? (
                  <div className="text-xs text-slate-500">Invoice #{t.invoiceNumber}</div>
                ) : t.orderId ? (
                  <div className="text-xs text-slate-500">Order {t.orderId}</div>
                ) : null}
                {!t.customerName && !t.billToName && !t.orderId && !t.invoiceNumber ? (
                  <span className="text-slate-500">—</span>
                ) : null}
              </td>
              <td className="whitespace-nowrap px-4 py-2.5 text-right font-medium tabular-nums">
                {t.type === "refund" || t.type === "credit" ? "−" : ""}
                {formatMoney(t.amount, t.currency)}
                {t.refundedAmount > 0 ? (
                  <div className="text-xs font-normal text-violet-700">
                    {formatMoney(t.refundedAmount, t.currency)} refunded
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
