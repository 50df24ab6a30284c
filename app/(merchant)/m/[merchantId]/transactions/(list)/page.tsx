import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { TransactionFilterForm } from "@/components/transactions/filter-form";
import { TransactionTable } from "@/components/transactions/transaction-table";
import { listTransactions } from "@/db/queries/transactions";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor, FILTER_KEYS, parseTransactionFilters } from "@/lib/validations/transactions";

export const metadata = { title: "Transactions" };

const PAGE_SIZE = 25;

export default async function TransactionsPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props);
  const { filters, errors } = parseTransactionFilters(sp);
  const cursor = decodeCursor(typeof sp.after === "string" ? sp.after : undefined);
  const before = cursor ? null : decodeCursor(typeof sp.before === "string" ? sp.before : undefined);
  const page = await listTransactions({
    merchantId: ctx.merchant.id,
    filters,
    cursor,
    before,
    limit: PAGE_SIZE,
  });

  const base = `/m/${ctx.merchant.id}/transactions`;
  const raw: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = sp[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s) raw[k] = s;
  }
  const filterQuery = new URLSearchParams(
    Object.fromEntries(Object.entries(raw).filter(([k]) => !errors[k])),
  ).toString();
  const withQuery = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(filterQuery);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const s = q.toString();
    return s ? `?${s}` : "";
  };
  const filtered = filterQuery.length > 0;
  const canExport = merchantRoleCan(ctx.role, "reports:export");

  return (
    <section className="space-y-5">
      <PageHeader
        className="mb-0"
        title="Transactions"
        description={`Every sale, authorization, refund and terminal payment of ${ctx.merchant.name}, newest first.`}
        actions={
          canExport && (
            <a
              href={`/api/m/${ctx.merchant.id}/transactions.csv${withQuery()}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
              download
            >
              Export CSV{filtered ? " (filtered)" : ""}
            </a>
          )
        }
      />

      <TransactionFilterForm action={base} values={raw} errors={errors} />

      {Object.keys(errors).length > 0 && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters were not applied because they are not valid: {Object.values(errors).join(" ")}
        </p>
      )}

      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium text-slate-800">
            {cursor
              ? "No older transactions."
              : filtered
                ? "No transactions match these filters."
                : "No transactions yet."}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered
              ? "Try a wider date range or clear the filters."
              : "Payments taken on the virtual terminal, terminals, invoices and subscriptions appear here."}
          </p>
        </div>
      ) : (
        <TransactionTable rows={page.items} base={base} />
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        <div className="flex items-center gap-4">
          {page.prevCursor && (
            <Link
              href={`${base}${withQuery({ before: encodeCursor(page.prevCursor) })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            >
              ← Newer
            </Link>
          )}
          {(cursor || before) && (
            <Link href={`${base}${withQuery()}`} className="text-brand-700 hover:underline">
              Newest
            </Link>
          )}
        </div>
        <div>
          {page.nextCursor && (
            <Link
              href={`${base}${withQuery({ after: encodeCursor(page.nextCursor) })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            >
              Older →
            </Link>
          )}
        </div>
      </nav>
    </section>
  );
}
