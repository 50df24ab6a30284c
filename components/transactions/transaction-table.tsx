import Link from "next/link";
import { type Column, Table } from "@/components/ui/table";
import type { TransactionListRow } from "@/db/queries/transactions";
import { formatMoney } from "@/lib/money";
import { formatDateTime, methodSummary, TYPE_LABELS } from "./format";
import { StatusBadge } from "./status-badge";

export function TransactionTable({ rows, base }: { rows: TransactionListRow[]; base: string }) {
  const columns: Column<TransactionListRow>[] = [
    {
      key: "date",
      header: "Date",
      className: "whitespace-nowrap text-slate-600",
      cell: (t) => (
        <>
          <Link href={`${base}/${encodeURIComponent(t.id)}`} className="font-medium text-brand-700 hover:underline">
            {formatDateTime(t.createdAt)}
          </Link>
          <div className="font-mono text-xs text-slate-500">{t.id}</div>
        </>
      ),
    },
    { key: "type", header: "Type", cell: (t) => TYPE_LABELS[t.type] ?? t.type },
    { key: "status", header: "Status", cell: (t) => <StatusBadge status={t.status} /> },
    { key: "method", header: "Payment method", className: "whitespace-nowrap", cell: (t) => methodSummary(t) },
    {
      key: "customer",
      header: "Customer / order",
      className: "text-slate-600",
      cell: (t) => (
        <>
          {t.customerName || t.billToName ? <div className="truncate">{t.customerName ?? t.billToName}</div> : null}
          {t.invoiceNumber ? (
            <div className="text-xs text-slate-500">Invoice #{t.invoiceNumber}</div>
          ) : t.orderId ? (
            <div className="text-xs text-slate-500">Order {t.orderId}</div>
          ) : null}
          {!t.customerName && !t.billToName && !t.orderId && !t.invoiceNumber ? (
            <span className="text-slate-500">—</span>
          ) : null}
        </>
      ),
    },
    {
      key: "amount",
      header: "Amount",
      align: "right",
      className: "font-medium",
      cell: (t) => (
        <>
          {t.type === "refund" || t.type === "credit" ? "−" : ""}
          {formatMoney(t.amount, t.currency)}
          {t.refundedAmount > 0 ? (
            <div className="text-xs font-normal text-violet-700">
              {formatMoney(t.refundedAmount, t.currency)} refunded
            </div>
          ) : null}
        </>
      ),
    },
  ];
  return <Table caption="Transactions, newest first" columns={columns} rows={rows} rowKey={(t) => t.id} />;
}
