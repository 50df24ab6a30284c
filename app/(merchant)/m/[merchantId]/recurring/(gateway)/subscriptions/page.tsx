import Link from "next/link";
import { describeSchedule } from "@/components/recurring/format";
import { SubscriptionStatusBadge } from "@/components/recurring/status-badge";
import { SUBSCRIPTION_STATUS_LABELS } from "@/components/recurring/format";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { FilterChips } from "@/components/ui/filter-chips";
import { SearchForm } from "@/components/ui/search-form";
import { type Column, Table } from "@/components/ui/table";
import {
  countSubscriptionsByStatus,
  listSubscriptions,
  SUBSCRIPTION_STATUS_FILTERS,
  type SubscriptionStatusFilter,
} from "@/db/queries/subscriptions";
import { firstValue, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";

type Search = { status?: string; q?: string; page?: string };

function query(params: Search, patch: Partial<Search>): string {
  const merged = { ...params, ...patch };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export default async function SubscriptionsPage(props: MerchantPageProps) {
  const { ctx, query: raw } = await merchantPage(props);
  const sp: Search = { status: firstValue(raw.status), q: firstValue(raw.q), page: firstValue(raw.page) };
  const base = `/m/${ctx.merchant.id}/recurring/subscriptions`;
  const status = (SUBSCRIPTION_STATUS_FILTERS as readonly string[]).includes(sp.status ?? "")
    ? (sp.status as SubscriptionStatusFilter)
    : undefined;
  const q = sp.q?.trim().slice(0, 100) || undefined;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const [list, counts] = await Promise.all([
    listSubscriptions({ merchantId: ctx.merchant.id, status, q, page, pageSize: 25 }),
    countSubscriptionsByStatus({ merchantId: ctx.merchant.id }),
  ]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const current: Search = { status, q };
  const canEdit = merchantRoleCan(ctx.role, "recurring:edit");
  const canExport = merchantRoleCan(ctx.role, "reports:export");
  const chip = (value: string | undefined, label: string, count: number) => ({
    key: value ?? "all",
    label,
    count,
    href: `${base}${query(current, { status: value, page: undefined })}`,
  });

  const columns: Column<(typeof list.items)[number]>[] = [
    {
      key: "customer",
      header: "Customer",
      cell: (s) => (
        <>
          <Link href={`${base}/${encodeURIComponent(s.id)}`} className="font-medium text-brand-700 hover:underline">
            {s.customerName ?? s.customerEmail ?? "Customer"}
          </Link>
          <p className="text-xs text-slate-500">{s.customerEmail}</p>
        </>
      ),
    },
    {
      key: "plan",
      header: "Plan",
      className: "text-slate-700",
      cell: (s) => s.planName ?? (s.planId ? "Plan" : "Custom"),
    },
    { key: "status", header: "Status", cell: (s) => <SubscriptionStatusBadge status={s.status} /> },
    { key: "schedule", header: "Schedule", className: "text-slate-700", cell: (s) => describeSchedule(s) },
    { key: "amount", header: "Amount", align: "right", cell: (s) => <Money cents={s.amount} currency={s.currency} /> },
    {
      key: "next",
      header: "Next bill date",
      className: "whitespace-nowrap text-slate-700",
      cell: (s) => <DateTime value={s.nextBillDate} day />,
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SearchForm
          q={q}
          label="Search by customer"
          placeholder="Name, email, customer or subscription id"
          hidden={{ status }}
          clearHref={q ? `${base}${query(current, { q: undefined, page: undefined })}` : undefined}
          wide={false}
          className="gap-2"
        />
        <div className="flex gap-2">
          {canExport ? (
            <a
              href={`/api/m/${ctx.merchant.id}/subscriptions.csv${query(current, {})}`}
              className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Export CSV
            </a>
          ) : null}
          {canEdit ? <LinkButton href={`${base}/new`}>New subscription</LinkButton> : null}
        </div>
      </div>
      <FilterChips
        active={status ?? "all"}
        chips={[
          chip(undefined, "All", total),
          ...SUBSCRIPTION_STATUS_FILTERS.map((s) => chip(s, SUBSCRIPTION_STATUS_LABELS[s] ?? s, counts[s] ?? 0)),
        ]}
      />
      <Table
        caption="Subscriptions"
        rows={list.items}
        rowKey={(s) => s.id}
        columns={columns}
        pagination={{
          page: list.page,
          pageSize: list.pageSize,
          total: list.total,
          href: (p) => `${base}${query(current, { page: p > 1 ? String(p) : undefined })}`,
        }}
        empty={
          total === 0 ? (
            <EmptyState
              title="No subscriptions yet"
              action={canEdit ? <LinkButton href={`${base}/new`}>New subscription</LinkButton> : null}
            >
              Subscribe a vault customer to a plan, or on custom terms, and the gateway charges them on schedule.
            </EmptyState>
          ) : (
            <EmptyState title="No subscriptions match">Try another status or search.</EmptyState>
          )
        }
      />
    </div>
  );
}
