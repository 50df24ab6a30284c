import Link from "next/link";
import { notFound } from "next/navigation";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { type Column, Table } from "@/components/ui/table";
import { exceptionsForDeposit, getDeposit, traceTransactions } from "@/db/queries/reconciliation";
import { type MerchantPageProps, requireMerchantPage } from "@/lib/auth/page";
import { linesTotal } from "@/lib/services/reconciliation/expected";

/** A transaction or batch id linking to its page, or a dash where the line has none. */
function IdLink({ base, id }: { base: string; id: string | null }) {
  if (!id) return "—";
  return (
    <Link href={`${base}/${encodeURIComponent(id)}`} className="font-mono text-xs text-brand-700 underline">
      {id}
    </Link>
  );
}

export default async function DepositPage({ params }: MerchantPageProps<{ depositId: string }>) {
  const { merchantId, depositId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const d = await getDeposit({ merchantId: ctx.merchant.id, depositId: decodeURIComponent(depositId) });
  if (!d) notFound();
  const m = `/m/${ctx.merchant.id}`;
  const trace = await traceTransactions({
    merchantId: ctx.merchant.id,
    transactionIds: d.lines.map((l) => l.transactionId).filter((t): t is string => !!t),
  });
  const exceptions = await exceptionsForDeposit({ merchantId: ctx.merchant.id, depositId: d.providerId });
  const diff = d.funded - d.expected;
  const rows = d.lines.map((l, i) => ({ ...l, i, trace: l.transactionId ? trace.get(l.transactionId) : undefined }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "kind", header: "Line", cell: (l) => l.label },
    {
      key: "tx",
      header: "Transaction",
      cell: (l) => <IdLink base={`${m}/transactions`} id={l.transactionId} />,
    },
    {
      key: "batch",
      header: "Batch",
      cell: (l) => <IdLink base={`${m}/settlements`} id={l.batchId} />,
    },
    {
      key: "invoice",
      header: "Invoice / subscription",
      cell: (l) =>
        l.trace?.invoiceId ? (
          <Link href={`${m}/invoices/${encodeURIComponent(l.trace.invoiceId)}`} className="text-brand-700 underline">
            Invoice {l.trace.invoiceId}
          </Link>
        ) : l.trace?.subscriptionId ? (
          <Link
            href={`${m}/recurring/subscriptions/${encodeURIComponent(l.trace.subscriptionId)}`}
            className="text-brand-700 underline"
          >
            Subscription {l.trace.subscriptionId}
          </Link>
        ) : l.transactionId ? (
          <span className="text-slate-500">No invoice{l.trace?.orderId ? ` · order ${l.trace.orderId}` : ""}</span>
        ) : (
          "—"
        ),
    },
    { key: "amount", header: "Amount", align: "right", cell: (l) => <Money cents={l.amount} /> },
  ];
  return (
    <section>
      <PageHeader
        title={`Deposit of ${d.depositDate}`}
        description={`${d.batchIds.length} batch${d.batchIds.length === 1 ? "" : "es"}${d.bankAccount ? ` · to account ${d.bankAccount}` : ""}`}
        back={
          <Link href={`${m}/reconciliation`} className="text-brand-700 underline">
            ← Reconciliation
          </Link>
        }
        actions={<StatusBadge kind="deposit" status={d.status} />}
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-6">
        {(
          [
            ["Batches' net", d.batchesNet],
            ["Fees", -d.fees],
            ["Adjustments", d.adjustments],
            ["Chargebacks", -d.chargebacks],
            ["Expected", d.expected],
            ["Deposited", d.funded],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd
              className="text-lg font-semibold tabular-nums"
              data-testid={`figure-${k.toLowerCase().replace(/\W+/g, "-")}`}
            >
              <Money cents={v} />
            </dd>
          </div>
        ))}
      </dl>
      {diff !== 0 ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The deposit is <Money cents={Math.abs(diff)} /> {diff < 0 ? "short" : "over"}.{" "}
          {exceptions.map((e) => (
            <Link key={e.id} href={`${m}/reconciliation/exceptions?status=${e.status}`} className="underline">
              Exception ({e.status})
            </Link>
          ))}
        </p>
      ) : (
        <p className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Reconciled to the cent: the deposit equals its batches less fees, adjustments and chargebacks.
        </p>
      )}
      <Table caption="Deposit lines" rows={rows} rowKey={(l) => String(l.i)} columns={columns} />
      <p className="mt-2 text-right text-sm text-slate-600">
        Lines total <Money cents={linesTotal(d.lines)} />
      </p>
    </section>
  );
}
