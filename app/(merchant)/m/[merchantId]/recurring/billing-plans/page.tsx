import Link from "next/link";
import { formatDay, describeCadence, describeEnd } from "@/components/billing-plans/format";
import { BillingStatusBadge } from "@/components/billing-plans/status-badge";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Money } from "@/components/ui/money";
import { FilterChips } from "@/components/ui/filter-chips";
import { type Column, Table } from "@/components/ui/table";
import { merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { type BillingPlanPage, billingPageError, listBillingPlansPage } from "@/lib/services/billing-plans";
import { billingPlanListParams } from "@/lib/validations/billing-plans";

const FILTERS = [
  { key: "all", label: "All" },
  { key: "active", label: "Active" },
  { key: "finished", label: "Finished" },
  { key: "cancelled", label: "Cancelled" },
] as const;

export default async function BillingPlansPage(props: MerchantPageProps) {
  const { ctx, query } = await merchantPage(props);
  const base = `/m/${ctx.merchant.id}/recurring/billing-plans`;
  const q = billingPlanListParams.parse(query);
  const status = q.status ?? "all";
  const canEdit = merchantRoleCan(ctx.role, "recurring:edit");
  const create = canEdit ? <LinkButton href={`${base}/new`}>New billing plan</LinkButton> : null;

  let data: BillingPlanPage;
  try {
    data = await listBillingPlansPage(ctx, { status, page: q.page });
  } catch (err) {
    const message = billingPageError(err);
    if (!message) throw err;
    return (
      <Alert tone="warning" title="CoPilot billing plans cannot be loaded right now">
        {message}
      </Alert>
    );
  }

  if (data.counts.all === 0) {
    return (
      <EmptyState title="No billing plans yet" action={create}>
        A billing plan charges a customer&apos;s stored card on a schedule through CoPilot: choose a customer from the
        vault, an amount and how often.
      </EmptyState>
    );
  }
  const href = (s: string, page = 1) => {
    const sp = new URLSearchParams();
    if (s !== "all") sp.set("status", s);
    if (page > 1) sp.set("page", String(page));
    const qs = sp.toString();
    return qs ? `${base}?${qs}` : base;
  };

  const columns: Column<(typeof data.items)[number]>[] = [
    {
      key: "plan",
      header: "Plan",
      cell: (p) => (
        <>
          <Link href={`${base}/${p.id}`} className="font-medium text-brand-700 hover:underline">
            {p.name}
          </Link>
          <p className="text-xs text-slate-500">Plan #{p.id}</p>
        </>
      ),
    },
    {
      key: "customer",
      header: "Customer",
      cell: (p) => (
        <>
          <Link
            href={`/m/${ctx.merchant.id}/customers/${encodeURIComponent(p.profileId)}`}
            className="text-slate-800 hover:underline"
          >
            {p.customerName ?? p.profileId}
          </Link>
          <p className="text-xs text-slate-500">Account {p.acctId}</p>
        </>
      ),
    },
    {
      key: "amount",
      header: "Amount",
      align: "right",
      className: "font-medium text-slate-900",
      cell: (p) => <Money cents={p.amountCents} currency={p.currency} />,
    },
    {
      key: "schedule",
      header: "Schedule",
      className: "text-slate-700",
      cell: (p) => (
        <>
          {describeCadence(p)}
          <p className="text-xs text-slate-500">{describeEnd(p.until)}</p>
        </>
      ),
    },
    {
      key: "starts",
      header: "Starts",
      className: "whitespace-nowrap text-slate-700",
      cell: (p) => formatDay(p.startDate),
    },
    { key: "status", header: "Status", cell: (p) => <BillingStatusBadge kind="plan" status={p.status} /> },
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <FilterChips
          active={status}
          chips={FILTERS.map((f) => ({ key: f.key, label: f.label, count: data.counts[f.key], href: href(f.key) }))}
        />
        {create}
      </div>
      <Table
        caption="Billing plans"
        rows={data.items}
        rowKey={(p) => p.id}
        columns={columns}
        pagination={{ page: data.page, pageSize: data.pageSize, total: data.total, href: (n) => href(status, n) }}
        empty={
          <EmptyState title="No billing plans with this status">
            <Link href={href("all")} className="font-medium text-brand-700 underline">
              Show all billing plans
            </Link>
          </EmptyState>
        }
      />
    </div>
  );
}
