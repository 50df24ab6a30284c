import Link from "next/link";
import { notFound } from "next/navigation";
import { methodSummary, TYPE_LABELS } from "@/components/transactions/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Money } from "@/components/ui/money";
import { StatusBadge } from "@/components/ui/status-badge";
import { type Column, Table } from "@/components/ui/table";
import { getBatch, listBatchTransactions } from "@/db/queries/settlements";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/dates";

export default async function BatchPage(props: MerchantPageProps<{ batchId: string }>) {
  const {
    ctx,
    params: { batchId },
  } = await merchantPage(props);
  const id = decodeURIComponent(batchId);
  const batch = await getBatch({ merchantId: ctx.merchant.id, batchId: id });
  if (!batch) notFound();
  const txs = await listBatchTransactions({ merchantId: ctx.merchant.id, batchId: id });
  const base = `/m/${ctx.merchant.id}`;
  const columns: Column<(typeof txs)[number]>[] = [
    {
      key: "created",
      header: "Created",
      className: "whitespace-nowrap",
      cell: (t) => <DateTime value={t.providerCreatedAt} />,
    },
    {
      key: "id",
      header: "Transaction",
      cell: (t) => (
        <Link
          href={`${base}/transactions/${t.providerId}`}
          className="font-mono text-xs text-brand-700 hover:underline"
        >
          {t.providerId}
        </Link>
      ),
    },
    { key: "type", header: "Type", cell: (t) => TYPE_LABELS[t.type] ?? t.type },
    { key: "card", header: "Card", className: "whitespace-nowrap", cell: (t) => methodSummary(t) },
    { key: "order", header: "Order", cell: (t) => t.orderId ?? "—" },
    { key: "amount", header: "Amount", align: "right", cell: (t) => <Money cents={t.amount} /> },
    { key: "status", header: "Status", cell: (t) => <StatusBadge kind="transaction" status={t.status} /> },
  ];
  return (
    <section>
      <Link href={`${base}/settlements`} className="text-sm text-brand-700 hover:underline">
        ← Settlements
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Batch {batch.batchNumber ?? batch.providerId}</h1>
      <p className="text-sm text-slate-600">
        Closed {formatDateTime(batch.batchDate)} · {batch.processorName ?? "processor"} ·{" "}
        <span className="capitalize">{batch.status}</span>
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Transactions", String(batch.transactionCount)],
          ["Captured", formatMoney(batch.capturedAmount)],
          ["Credits", formatMoney(batch.creditAmount)],
          ["Net deposit", formatMoney(batch.netDeposit)],
        ].map(([k, v]) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="text-lg font-semibold tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mt-6 mb-2 font-medium">Transactions in this batch</h2>
      <Table
        caption="Transactions in this batch"
        rows={txs}
        rowKey={(t) => t.providerId}
        columns={columns}
        empty={
          <EmptyState title="No transactions here yet">
            None of this batch&apos;s transactions are in the portal yet; they appear after the next sync.
          </EmptyState>
        }
      />
    </section>
  );
}
