import Link from "next/link";
import { notFound } from "next/navigation";
import { getBatch, listBatchTransactions } from "@/db/queries/settlements";
import { requireMerchantPage } from "@/lib/auth/page";
import { formatMoney } from "@/lib/money";

export default async function BatchPage({ params }: { params: Promise<{ merchantId: string; batchId: string }> }) {
  const { merchantId, batchId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const id = decodeURIComponent(batchId);
  const batch = await getBatch({ merchantId: ctx.merchant.id, batchId: id });
  if (!batch) notFound();
  const txs = await listBatchTransactions({ merchantId: ctx.merchant.id, batchId: id });
  const base = `/m/${ctx.merchant.id}`;
  return (
    <section>
      <Link href={`${base}/settlements`} className="text-sm text-brand-700 hover:underline">
        ← Settlements
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Batch {batch.batchNumber ?? batch.providerId}</h1>
      <p className="text-sm text-slate-600">
        Closed {batch.batchDate.toISOString().replace("T", " ").slice(0, 16)} UTC · {batch.processorName ?? "processor"}{" "}
        · <span className="capitalize">{batch.status}</span>
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
      {txs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          None of this batch&apos;s transactions are in the portal yet; they appear after the next sync.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Created</th>
                <th className="px-4 py-2 font-medium">Transaction</th>
                <th className="px-4 py-2 font-medium">Type</th>
                <th className="px-4 py-2 font-medium">Card</th>
                <th className="px-4 py-2 font-medium">Order</th>
                <th className="px-4 py-2 text-right font-medium">Amount</th>
                <th className="px-4 py-2 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {txs.map((t) => (
                <tr key={t.providerId} className="border-t border-slate-100">
                  <td className="px-4 py-2 whitespace-nowrap">
                    {t.providerCreatedAt.toISOString().slice(0, 16).replace("T", " ")}
                  </td>
                  <td className="px-4 py-2">
                    <Link
                      href={`${base}/transactions/${t.providerId}`}
                      className="font-mono text-xs text-brand-700 hover:underline"
                    >
                      {t.providerId}
                    </Link>
                  </td>
                  <td className="px-4 py-2 capitalize">{t.type}</td>
                  <td className="px-4 py-2 font-mono text-xs">{t.maskedNumber ?? "—"}</td>
                  <td className="px-4 py-2">{t.orderId ?? "—"}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(t.amount)}</td>
                  <td className="px-4 py-2">{t.status.replace(/_/g, " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
