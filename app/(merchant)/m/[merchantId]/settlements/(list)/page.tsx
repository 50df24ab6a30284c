import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { SyncSettlementsButton } from "@/components/settlements/sync-button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { CompactInput } from "@/components/ui/field";
import { Money } from "@/components/ui/money";
import { type Column, Table } from "@/components/ui/table";
import { listBatches } from "@/db/queries/settlements";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { settlementFiltersSchema } from "@/lib/validations/settlements";

const PAGE_SIZE = 25;

export default async function SettlementsPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props);
  const f = settlementFiltersSchema.parse(sp);
  const page = f.page ?? 1;
  const { rows, total } = await listBatches({
    merchantId: ctx.merchant.id,
    from: f.from,
    to: f.to,
    batchId: f.batch || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const base = `/m/${ctx.merchant.id}/settlements`;
  const query = new URLSearchParams(
    Object.entries({ from: f.from, to: f.to, batch: f.batch }).filter((e): e is [string, string] => !!e[1]),
  );
  const pageHref = (p: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(query), page: String(p) })}`;
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "date", header: "Date", className: "whitespace-nowrap", cell: (b) => <DateTime value={b.batchDate} day /> },
    {
      key: "batch",
      header: "Batch",
      cell: (b) => (
        <Link
          href={`${base}/${encodeURIComponent(b.providerId)}`}
          className="font-mono text-xs text-brand-700 hover:underline"
        >
          {b.batchNumber ?? b.providerId}
        </Link>
      ),
    },
    { key: "count", header: "Transactions", align: "right", cell: (b) => b.transactionCount },
    { key: "captured", header: "Captured", align: "right", cell: (b) => <Money cents={b.capturedAmount} /> },
    { key: "credits", header: "Credits", align: "right", cell: (b) => <Money cents={b.creditAmount} /> },
    {
      key: "net",
      header: "Net deposit",
      align: "right",
      className: "font-medium",
      cell: (b) => <Money cents={b.netDeposit} />,
    },
    { key: "status", header: "Status", className: "capitalize", cell: (b) => b.status },
  ];
  return (
    <section>
      <PageHeader
        className="mb-0"
        title="Settlements"
        description={`Closed batches and what they deposit · ${total} batch${total === 1 ? "" : "es"}`}
        actions={
          <>
            <SyncSettlementsButton merchantId={ctx.merchant.id} />
            <a
              href={`/api/m/${ctx.merchant.id}/settlements.csv?${query}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              Export CSV
            </a>
          </>
        }
      />
      <form className="mt-4 flex flex-wrap items-end gap-2 text-sm" role="search">
        <CompactInput label="From" type="date" name="from" defaultValue={f.from} />
        <CompactInput label="To" type="date" name="to" defaultValue={f.to} />
        <CompactInput label="Batch id" name="batch" defaultValue={f.batch} />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
        {query.size > 0 && (
          <Link href={base} className="px-2 py-1.5 text-slate-600 underline">
            Clear
          </Link>
        )}
      </form>
      <div className="mt-4">
        <Table
          caption="Settlement batches"
          rows={rows}
          rowKey={(b) => b.providerId}
          columns={columns}
          empty={
            <EmptyState title={query.size > 0 ? "No batches match these filters." : "No settled batches yet."}>
              {query.size > 0 ? null : "Batches close daily at the gateway's batch time."}
            </EmptyState>
          }
          pagination={{ page, pageSize: PAGE_SIZE, total, href: pageHref }}
        />
      </div>
    </section>
  );
}
