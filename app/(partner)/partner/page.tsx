import Link from "next/link";
import { Suspense } from "react";
import { WidgetSkeleton } from "@/components/dashboard/widget";
import { AssignAgents } from "@/components/partner/assign-agents";
import { NoVolume, Pipeline, TopMovers, VolumeByMerchant } from "@/components/partner/dashboard";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge, statusOptions } from "@/components/ui/status-badge";
import { type Column, Table } from "@/components/ui/table";
import { listApplications } from "@/db/queries/boarding";
import { listAssignments, listPartnerAgents } from "@/db/queries/partners";
import { currentPartnerPage } from "@/lib/auth/page";
import { periodFromSearch } from "@/lib/dashboard/range";
import { portfolio } from "@/lib/services/partners/portfolio";
import { portfolioFilters } from "@/lib/validations/partners";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
const STAGES = statusOptions("boarding");

export default async function PortfolioPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await currentPartnerPage("partner:view");
  const sp = await searchParams;
  const q = portfolioFilters.parse(sp);
  const period = periodFromSearch(sp);
  const page = q.page ?? 1;
  const isAdmin = ctx.role === "partner_admin";
  const { rows, total } = await portfolio(ctx, q, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const [agents, assignments, openApps] = await Promise.all([
    isAdmin ? listPartnerAgents({ partnerId: ctx.partnerId }) : Promise.resolve([]),
    isAdmin ? listAssignments({ partnerId: ctx.partnerId, merchantIds: rows.map((r) => r.id) }) : Promise.resolve([]),
    listApplications({
      partnerId: ctx.partnerId,
      createdBy: isAdmin ? undefined : ctx.user.id,
      openOnly: true,
      limit: 10,
    }),
  ]);
  const filters = Object.fromEntries(
    Object.entries({ q: q.q, gateway: q.gateway, status: q.status, stage: q.stage, activity: q.activity }).filter(
      ([, v]) => v,
    ),
  ) as Record<string, string>;
  const qs = (p: number) => `?${new URLSearchParams({ ...filters, page: String(p) })}`;
  const csv = `/api/partner/${ctx.partnerId}/portfolio.csv${Object.keys(filters).length ? `?${new URLSearchParams(filters)}` : ""}`;

  const noData = <span className="text-slate-500">no data yet</span>;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "merchant",
      header: "Merchant",
      cell: (m) => (
        <Link href={`/m/${m.id}`} className="font-medium text-brand-700 hover:underline">
          {m.name}
        </Link>
      ),
    },
    { key: "gateway", header: "Gateway", cell: (m) => (m.gateway === "cardpointe" ? "CardPointe" : "Gateway") },
    {
      key: "mid",
      header: "Gateway MID",
      className: "font-mono text-xs",
      cell: (m) => (
        <>
          {m.mid ?? "—"}
          {m.copilotMid && m.copilotMid !== m.mid ? (
            <span className="block text-slate-500" title="Front-end MID assigned by CoPilot">
              CoPilot {m.copilotMid}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: "boarding",
      header: "Boarding",
      cell: (m) =>
        m.applicationId ? (
          <Link href={`/partner/boarding/${m.applicationId}`} className="hover:underline">
            <StatusBadge kind="boarding" status={m.stage ?? "draft"} />
          </Link>
        ) : (
          <span className="text-slate-500">Boarded before the portal</span>
        ),
    },
    { key: "status", header: "Status", cell: (m) => <StatusBadge kind="merchant" status={m.status} /> },
    {
      key: "volume",
      header: "Volume (30 days)",
      align: "right",
      cell: (m) => (m.days > 0 ? <Money cents={m.volume} currency={m.currency} /> : noData),
    },
    {
      key: "approval",
      header: "Approval rate",
      align: "right",
      cell: (m) => {
        const n = m.approved + m.declined;
        return m.days > 0 && n > 0 ? `${((m.approved / n) * 100).toFixed(1)}%` : noData;
      },
    },
    ...(isAdmin
      ? [
          {
            key: "agents",
            header: "Agents",
            cell: (m: (typeof rows)[number]) => (
              <AssignAgents
                partnerId={ctx.partnerId}
                merchantId={m.id}
                merchantName={m.name}
                agents={agents}
                assigned={assignments.filter((a) => a.merchantId === m.id).map((a) => a.userId)}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <section className="mx-auto max-w-7xl space-y-8">
      <PageHeader
        className="mb-0"
        title="Portfolio"
        description={
          ctx.role === "partner_agent" ? "Merchants assigned to you" : "Every merchant of your partner account"
        }
        actions={<LinkButton href="/partner/boarding/new">Board a merchant</LinkButton>}
      />

      <div className="grid items-start gap-4 lg:grid-cols-4">
        <Suspense fallback={<WidgetSkeleton title="Portfolio volume" className="lg:col-span-2" />}>
          <VolumeByMerchant ctx={ctx} period={period} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Top movers" />}>
          <TopMovers ctx={ctx} period={period} />
        </Suspense>
        <div className="space-y-4">
          <Suspense fallback={<WidgetSkeleton title="Boarding pipeline" height={120} />}>
            <Pipeline ctx={ctx} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton title="No volume in 7 days" height={120} />}>
            <NoVolume ctx={ctx} today={period.to} />
          </Suspense>
        </div>
      </div>

      {openApps.length > 0 && (
        <div className="rounded-lg border border-slate-200 bg-white">
          <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold">Applications in progress</h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {openApps.map((a) => (
              <li key={a.id} className="flex items-center justify-between px-4 py-2">
                <Link href={`/partner/boarding/${a.id}`} className="font-medium text-brand-700 hover:underline">
                  {a.dbaName || "Untitled application"}
                </Link>
                <StatusBadge kind="boarding" status={a.status} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 className="text-lg font-semibold">
            Merchants <span className="text-sm font-normal text-slate-500">({total})</span>
          </h2>
          <a href={csv} className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
            Export CSV
          </a>
        </div>
        <form className="mt-3 flex flex-wrap items-end gap-2" role="search">
          <div className="w-64">
            <label className="sr-only" htmlFor="q">
              Search merchants
            </label>
            <input id="q" name="q" defaultValue={q.q} placeholder="Search by name or MID" className={inputClass} />
          </div>
          {(
            [
              ["gateway", "Gateway", { fluidpay: "Gateway (FluidPay family)", cardpointe: "CardPointe" }],
              ["status", "Status", statusOptions("merchant")],
              ["stage", "Boarding stage", STAGES],
              ["activity", "Activity", { has: "Has volume (30 days)", none: "No data (30 days)" }],
            ] as const
          ).map(([name, label, options]) => (
            <div key={name}>
              <label className="sr-only" htmlFor={name}>
                {label}
              </label>
              <select
                id={name}
                name={name}
                defaultValue={((q as Record<string, unknown>)[name] as string) ?? ""}
                className={inputClass}
              >
                <option value="">{`Any ${label.toLowerCase()}`}</option>
                {Object.entries(options).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button className="rounded-md bg-brand-600 px-3 py-2 text-sm text-white">Apply</button>
        </form>
        <div className="mt-4">
          <Table
            caption="Merchants"
            rows={rows}
            rowKey={(m) => m.id}
            columns={columns}
            rowClassName={() => "align-top"}
            empty={<EmptyState title="No merchants match">Try another search or clear the filters.</EmptyState>}
            pagination={{ page, pageSize: PAGE_SIZE, total, href: qs }}
          />
        </div>
      </div>
    </section>
  );
}
