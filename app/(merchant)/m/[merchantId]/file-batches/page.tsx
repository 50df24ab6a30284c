import { FileBatchUploader } from "@/components/file-batches/uploader";
import { QueryProvider } from "@/components/providers/query-provider";
import { NotBuilt } from "@/components/shell/not-built";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { type Column, Table } from "@/components/ui/table";
import { listFileBatches } from "@/db/queries/file-batches";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";

export default async function FileBatchesPage(props: MerchantPageProps) {
  const { ctx } = await merchantPage(props);
  if (ctx.merchant.gateway === "cardpointe") {
    return (
      <NotBuilt title="File batches" what="CardPointe has no file batch API; this section is for gateway merchants." />
    );
  }
  const history = await listFileBatches({ merchantId: ctx.merchant.id });
  const base = `/api/m/${ctx.merchant.id}/file-batches`;
  const columns: Column<(typeof history)[number]>[] = [
    { key: "at", header: "Uploaded", className: "whitespace-nowrap", cell: (b) => <DateTime value={b.createdAt} /> },
    { key: "file", header: "File", cell: (b) => b.fileName },
    {
      key: "rows",
      header: "Rows",
      className: "tabular-nums",
      cell: (b) => `${b.processedLines ?? 0} / ${b.lineCount ?? "?"}`,
    },
    { key: "status", header: "Status", className: "capitalize", cell: (b) => b.status },
    {
      key: "results",
      header: "Results",
      cell: (b) =>
        b.status === "completed" ? (
          <a className="text-brand-700 underline" href={`${base}/${b.providerId}/result.csv`}>
            Download
          </a>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">File batches</h1>
        <p className="max-w-2xl text-sm text-slate-600">
          Upload many transactions at once in the gateway&apos;s CSV format: charges to saved customers (
          <code>customer_id</code>), ACH debits, and captures or refunds by <code>transaction_id</code>. Card numbers
          are never accepted here. Rows are checked in your browser before upload; the gateway reports each row&apos;s
          result.
        </p>
      </div>
      <QueryProvider>
        <FileBatchUploader merchantId={ctx.merchant.id} />
      </QueryProvider>
      <div>
        <h2 className="mb-2 font-medium">History</h2>
        <Table
          caption="Uploaded file batches"
          rows={history}
          rowKey={(b) => b.providerId}
          columns={columns}
          empty={<EmptyState title="No batches uploaded yet." />}
        />
      </div>
    </section>
  );
}
