import Link from "next/link";
import { CloseBatchButton, ReconcileNowButton, ReconSettingsForm } from "@/components/reconciliation/controls";
import { ReconTabs } from "@/components/reconciliation/tabs";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterDate, FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { type Column, Table } from "@/components/ui/table";
import { getReconSettings, listDeposits, listExceptions } from "@/db/queries/reconciliation";
import { type MerchantPageProps, requireMerchantPage } from "@/lib/auth/page";
import { type MerchantPermission, merchantRoleCan } from "@/lib/auth/permissions";
import { depositFiltersSchema } from "@/lib/validations/reconciliation";

const PAGE_SIZE = 25;

export default async function ReconciliationPage({ params, searchParams }: MerchantPageProps) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const f = depositFiltersSchema.parse(await searchParams);
  const page = f.page ?? 1;
  const base = `/m/${ctx.merchant.id}/reconciliation`;
  const [{ rows, total }, open, settings] = await Promise.all([
    listDeposits({
      merchantId: ctx.merchant.id,
      from: f.from,
      to: f.to,
      status: f.status,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    listExceptions({ merchantId: ctx.merchant.id, status: "open", limit: 1 }),
    getReconSettings({ merchantId: ctx.merchant.id }),
  ]);
  const can = (p: MerchantPermission) => merchantRoleCan(ctx.role, p);
  const query = new URLSearchParams(
    Object.entries({ from: f.from, to: f.to, status: f.status }).filter((e): e is [string, string] => !!e[1]),
  );
  const pageHref = (p: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(query), page: String(p) })}`;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "date",
      header: "Deposit date",
      className: "whitespace-nowrap",
      cell: (d) => (
        <Link href={`${base}/${encodeURIComponent(d.providerId)}`} className="text-brand-700 hover:underline">
          {d.depositDate}
        </Link>
      ),
    },
    { key: "batches", header: "Batches", align: "right", cell: (d) => d.batchIds.length },
    { key: "net", header: "Batches' net", align: "right", cell: (d) => <Money cents={d.batchesNet} /> },
    { key: "fees", header: "Fees", align: "right", cell: (d) => <Money cents={d.fees} /> },
    { key: "expected", header: "Expected", align: "right", cell: (d) => <Money cents={d.expected} /> },
    {
      key: "funded",
      header: "Deposited",
      align: "right",
      className: "font-medium",
      cell: (d) => <Money cents={d.funded} />,
    },
    { key: "status", header: "Status", cell: (d) => <StatusBadge kind="deposit" status={d.status} /> },
  ];
  return (
    <section>
      <PageHeader
        title="Reconciliation"
        description="Each deposit matched to its batches, transactions and invoices, to the cent."
        actions={
          <>
            <ReconcileNowButton merchantId={ctx.merchant.id} />
            {can("transactions:capture") && (
              <CloseBatchButton merchantId={ctx.merchant.id} family={ctx.merchant.gateway} />
            )}
            {can("reports:export") && (
              <a
                href={`/api/m/${ctx.merchant.id}/deposits.csv?${query}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
              >
                Export CSV
              </a>
            )}
          </>
        }
      />
      <ReconTabs base={base} current="deposits" open={open.total} />
      <FilterForm clearHref={query.size > 0 ? base : undefined}>
        <FilterDate name="from" label="From" value={f.from} />
        <FilterDate name="to" label="To" value={f.to} />
        <FilterSelect
          name="status"
          label="Status"
          value={f.status}
          options={{ "": "All", reconciled: "Reconciled", exception: "Exception" }}
        />
      </FilterForm>
      <Table
        caption="Deposits"
        rows={rows}
        rowKey={(d) => d.providerId}
        columns={columns}
        empty={
          <EmptyState title="No deposits reconciled yet">
            Deposits appear here after the batches they pay have settled and the next sync has run. Use “Reconcile now”
            to run it at once.
          </EmptyState>
        }
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} href={pageHref} />
      {can("settings:manage") && (
        <section className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-base font-semibold">Reconciliation settings</h2>
          <ReconSettingsForm
            merchantId={ctx.merchant.id}
            values={{
              fundingGraceDays: settings?.fundingGraceDays ?? 3,
              settleGraceDays: settings?.settleGraceDays ?? 2,
              autoCloseAt: settings?.autoCloseAt ?? null,
            }}
          />
        </section>
      )}
    </section>
  );
}
