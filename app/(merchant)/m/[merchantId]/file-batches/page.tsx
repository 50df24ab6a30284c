import { FileBatchUploader } from "@/components/file-batches/uploader";
import { QueryProvider } from "@/components/providers/query-provider";
import { NotBuilt } from "@/components/shell/not-built";
import { listFileBatches } from "@/db/queries/file-batches";
import { requireMerchantPage } from "@/lib/auth/page";

export default async function FileBatchesPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  if (ctx.merchant.gateway === "cardpointe") {
    return (
      <NotBuilt title="File batches" what="CardPointe has no file batch API; this section is for gateway merchants." />
    );
  }
  const history = await listFileBatches({ merchantId: ctx.merchant.id });
  const base = `/api/m/${ctx.merchant.id}/file-batches`;
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
        {history.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
            No batches uploaded yet.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-4 py-2 font-medium">Uploaded</th>
                  <th className="px-4 py-2 font-medium">File</th>
                  <th className="px-4 py-2 font-medium">Rows</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 font-medium">Results</th>
                </tr>
              </thead>
              <tbody>
                {history.map((b) => (
                  <tr key={b.providerId} className="border-t border-slate-100">
                    <td className="px-4 py-2 whitespace-nowrap">
                      {b.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                    </td>
                    <td className="px-4 py-2">{b.fileName}</td>
                    <td className="px-4 py-2 tabular-nums">
                      {b.processedLines ?? 0} / {b.lineCount ?? "?"}
                    </td>
                    <td className="px-4 py-2 capitalize">{b.status}</td>
                    <td className="px-4 py-2">
                      {b.status === "completed" ? (
                        <a className="text-brand-700 underline" href={`${base}/${b.providerId}/result.csv`}>
                          Download
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
