import Link from "next/link";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditFacets, listAuditPage } from "@/db/queries/audit";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { AUDIT_FILTER_KEYS, decodeAuditCursor, encodeAuditCursor, parseAuditFilters } from "@/lib/validations/settings";

export const metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

export default async function AuditLogPage(props: MerchantPageProps) {
  const { ctx, query: sp } = await merchantPage(props, "audit:view");
  const { filters, errors } = parseAuditFilters(sp);
  const cursor = decodeAuditCursor(sp.after);
  const [page, facets] = await Promise.all([
    listAuditPage({ merchantId: ctx.merchant.id, filters, cursor, limit: PAGE_SIZE }),
    listAuditFacets({ merchantId: ctx.merchant.id }),
  ]);

  const base = `/m/${ctx.merchant.id}/settings/audit`;
  const values: Record<string, string> = {};
  for (const k of AUDIT_FILTER_KEYS) {
    const v = sp[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s && !errors[k]) values[k] = s;
  }
  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ ...values, ...extra }).toString();
    return q ? `?${q}` : "";
  };
  const filtered = Object.keys(values).length > 0;

  return (
    <div className="space-y-5">
      <PageHeader
        title="Audit log"
        description={`Who did what in ${ctx.merchant.name}: money movements, team and settings changes. Entries cannot be edited or deleted.`}
        back={
          <Link href={`/m/${ctx.merchant.id}/settings`} className="text-brand-700 hover:underline">
            ← Settings & team
          </Link>
        }
        actions={
          <a
            href={`/api/m/${ctx.merchant.id}/audit.csv${query()}`}
            download
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          >
            Export CSV{filtered ? " (filtered)" : ""}
          </a>
        }
      />

      <AuditFilterForm
        action={base}
        values={values}
        errors={errors}
        people={facets.people}
        labels={facets.labels}
        actions={facets.actions}
      />

      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters were not applied because they are not valid: {Object.values(errors).join(" ")}
        </p>
      ) : null}

      {page.items.length === 0 ? (
        <EmptyState
          title={cursor ? "No older entries." : filtered ? "No entries match these filters." : "No entries yet."}
        >
          {filtered
            ? "Try a wider date range or another actor."
            : "Refunds, voids, captures, team and settings changes are recorded here as they happen."}
        </EmptyState>
      ) : (
        <AuditTable rows={page.items} />
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        <div>
          {cursor ? (
            <Link href={`${base}${query()}`} className="text-brand-700 hover:underline">
              ← Newest
            </Link>
          ) : null}
        </div>
        <div>
          {page.nextCursor ? (
            <Link
              href={`${base}${query({ after: encodeAuditCursor(page.nextCursor) })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            >
              Older →
            </Link>
          ) : null}
        </div>
      </nav>
    </div>
  );
}
