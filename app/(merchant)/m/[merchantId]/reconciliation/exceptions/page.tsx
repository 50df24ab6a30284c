import Link from "next/link";
import { ExceptionActions } from "@/components/reconciliation/controls";
import { ReconTabs } from "@/components/reconciliation/tabs";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { listExceptions, merchantTeam } from "@/db/queries/reconciliation";
import { type MerchantPageProps, requireMerchantPage } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { EXCEPTION_KIND_LABELS, exceptionFiltersSchema } from "@/lib/validations/reconciliation";

const PAGE_SIZE = 20;

export default async function ExceptionsPage({ params, searchParams }: MerchantPageProps) {
  const { merchantId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const f = exceptionFiltersSchema.parse(await searchParams);
  const status = f.status ?? "open";
  const page = f.page ?? 1;
  const m = `/m/${ctx.merchant.id}`;
  const base = `${m}/reconciliation`;
  const [{ rows, total }, open, team] = await Promise.all([
    listExceptions({
      merchantId: ctx.merchant.id,
      status,
      kind: f.kind,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    listExceptions({ merchantId: ctx.merchant.id, status: "open", limit: 1 }),
    merchantTeam({ merchantId: ctx.merchant.id }),
  ]);
  const canAct = merchantRoleCan(ctx.role, "reports:export");
  const href = (p: Record<string, string | undefined>) => {
    const all: Record<string, string | undefined> = { status, kind: f.kind, ...p };
    return `${base}/exceptions?${new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => !!e[1]))}`;
  };
  return (
    <section>
      <PageHeader
        title="Reconciliation"
        description="Exceptions: what did not match, who is on it, and how it ended."
      />
      <ReconTabs base={base} current="exceptions" open={open.total} />
      <FilterForm action={`${base}/exceptions`}>
        <FilterSelect
          name="status"
          label="Status"
          value={status}
          options={{ open: "Open", resolved: "Resolved", ignored: "Ignored" }}
        />
        <FilterSelect name="kind" label="Kind" value={f.kind} options={{ "": "All kinds", ...EXCEPTION_KIND_LABELS }} />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title={status === "open" ? "No open exceptions" : `No ${status} exceptions`}>
          Every deposit, batch and paid invoice in the last 60 days matches.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="exception">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0 space-y-1 text-sm">
                  <p className="flex items-center gap-2">
                    <StatusBadge kind="exception" status={e.status} />
                    <span className="font-medium">{EXCEPTION_KIND_LABELS[e.kind]}</span>
                    <span className="text-xs text-slate-500">
                      raised <DateTime value={e.createdAt} />
                    </span>
                  </p>
                  <p>{e.reason}</p>
                  {(e.expected !== null || e.actual !== null) && (
                    <p className="text-slate-600">
                      Expected <Money cents={e.expected ?? 0} /> · actual <Money cents={e.actual ?? 0} />
                    </p>
                  )}
                  <p className="flex flex-wrap gap-3 text-xs">
                    {(
                      [
                        ["Deposit", e.depositId, `${base}/`],
                        ["Batch", e.batchId, `${m}/settlements/`],
                        ["Transaction", e.transactionId, `${m}/transactions/`],
                        ["Invoice", e.invoiceId, `${m}/invoices/`],
                      ] as const
                    ).map(([label, ref, prefix]) =>
                      ref ? (
                        <Link
                          key={label}
                          href={`${prefix}${encodeURIComponent(ref)}`}
                          className="text-brand-700 underline"
                        >
                          {label}
                        </Link>
                      ) : null,
                    )}
                  </p>
                  {e.status !== "open" && (
                    <p className="text-slate-600">
                      {e.ownerName ? `Owner ${e.ownerName} · ` : ""}Note: {e.note}
                    </p>
                  )}
                </div>
                {e.status === "open" && canAct && (
                  <div className="w-full sm:w-72">
                    <ExceptionActions
                      merchantId={ctx.merchant.id}
                      exceptionId={e.id}
                      ownerUserId={e.ownerUserId}
                      team={team}
                    />
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} href={(p) => href({ page: String(p) })} />
    </section>
  );
}
