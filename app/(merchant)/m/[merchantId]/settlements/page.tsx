import Link from "next/link";
import { SyncSettlementsButton } from "@/components/settlements/sync-button";
import { listBatches } from "@/db/queries/settlements";
import { requireMerchantPage } from "@/lib/auth/page";
import { formatMoney } from "@/lib/money";
import { settlementFiltersSchema } from "@/lib/validations/settlements";

const PAGE_SIZE = 25;

export default async function SettlementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const f = settlementFiltersSchema.parse(await searchParams);
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
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (p: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(query), page: String(p) })}`;
  return (
    <section>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Settlements</h1>
          <p className="text-sm text-slate-600">
            Closed batches and what they deposit · {total} batch{total === 1 ? "" : "es"}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <SyncSettlementsButton merchantId={ctx.merchant.id} />
          <a
            href={`/api/m/${ctx.merchant.id}/settlements.csv?${query}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Export CSV
          </a>
        </div>
      </div>
      <form className="mt-4 flex flex-wrap items-end gap-2 text-sm" role="search">
        <label className="text-xs text-slate-500">
          From
          <input
            type="date"
            name="from"
            defaultValue={f.from}
            className="mt-0.5 block rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-xs text-slate-500">
          To
          <input
            type="date"
            name="to"
            defaultValue={f.to}
            className="mt-0.5 block rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-xs text-slate-500">
          Batch id
          <input
            name="batch"
            defaultValue={f.batch}
            className="mt-0.5 block rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
        {query.size > 0 && (
          <Link href={base} className="px-2 py-1.5 text-slate-600 underline">
            Clear
          </Link>
        )}
      </form>
      {rows.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {query.size > 0
            ? "No batches match these filters."
            : "No settled batches yet. Batches close daily at the gateway's batch time."}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Date</th>
                <th className="px-4 py-2 font-medium">Batch</th>
                <th className="px-4 py-2 text-right font-medium">Transactions</th>
                <th className="px-4 py-2 text-right font-medium">Captured</th>
                <th className="px-4 py-2 text-right font-medium">Credits</th>
                <th className="px-4 py-2 text-right font-medium">Net deposit</th>
                <th className="px-4 py-2 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.providerId} className="border-t border-slate-100">
                  <td className="px-4 py-2 whitespace-nowrap">{b.batchDate.toISOString().slice(0, 10)}</td>
                  <td className="px-4 py-2">
                    <Link
                      href={`${base}/${encodeURIComponent(b.providerId)}`}
                      className="font-mono text-xs text-brand-700 hover:underline"
                    >
                      {b.batchNumber ?? b.providerId}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{b.transactionCount}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(b.capturedAmount)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(b.creditAmount)}</td>
                  <td className="px-4 py-2 text-right font-medium tabular-nums">{formatMoney(b.netDeposit)}</td>
                  <td className="px-4 py-2 capitalize">{b.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pagination" className="mt-4 flex gap-3 text-sm">
          {page > 1 && <Link href={pageHref(page - 1)}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={pageHref(page + 1)}>Next →</Link>}
        </nav>
      )}
    </section>
  );
}
