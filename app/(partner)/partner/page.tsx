import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { WidgetSkeleton } from "@/components/dashboard/widget";
import { AssignAgents } from "@/components/partner/assign-agents";
import { NoVolume, Pipeline, TopMovers, VolumeByMerchant } from "@/components/partner/dashboard";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge, statusOptions } from "@/components/ui/status-badge";
import { listApplications } from "@/db/queries/boarding";
import { listPortfolio } from "@/db/queries/merchants";
import { listAssignments, listPartnerAgents } from "@/db/queries/partners";
import { requirePartnerPage } from "@/lib/auth/page";
import { periodFromSearch } from "@/lib/dashboard/range";
import { formatMoney } from "@/lib/money";
import { currentPartnerId } from "@/lib/services/partners/current";
import { portfolioFilters } from "@/lib/validations/partners";
import { addDays, today } from "@/lib/dates";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
const STAGES = statusOptions("boarding");

export default async function PortfolioPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const partnerId = await currentPartnerId().catch(() => notFound());
  const ctx = await requirePartnerPage(partnerId, "partner:view");
  const sp = await searchParams;
  const q = portfolioFilters.parse(sp);
  const period = periodFromSearch(sp);
  const page = q.page ?? 1;
  const isAdmin = ctx.role === "partner_admin";
  const { rows, total } = await listPortfolio({
    partnerId: ctx.partnerId,
    agentUserId: ctx.agentUserId,
    search: q.q,
    gateway: q.gateway,
    status: q.status,
    stage: q.stage,
    activity: q.activity,
    since: addDays(today(), -29),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
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

  return (
    <section className="mx-auto max-w-7xl space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Portfolio</h1>
          <p className="text-sm text-slate-600">
            {ctx.role === "partner_agent" ? "Merchants assigned to you" : "Every merchant of your partner account"}
          </p>
        </div>
        <LinkButton href="/partner/boarding/new">Board a merchant</LinkButton>
      </div>

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
        {rows.length === 0 ? (
          <div className="mt-4">
            <EmptyState title="No merchants match">Try another search or clear the filters.</EmptyState>
          </div>
        ) : (
          <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-4 py-2 font-medium">Merchant</th>
                  <th className="px-4 py-2 font-medium">Gateway</th>
                  <th className="px-4 py-2 font-medium">MID</th>
                  <th className="px-4 py-2 font-medium">Boarding</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 text-right font-medium">Volume (30 days)</th>
                  <th className="px-4 py-2 text-right font-medium">Approval rate</th>
                  {isAdmin ? <th className="px-4 py-2 font-medium">Agents</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => {
                  const n = m.approved + m.declined;
                  return (
                    <tr key={m.id} className="border-t border-slate-100 align-top">
                      <td className="px-4 py-2">
                        <Link href={`/m/${m.id}`} className="font-medium text-brand-700 hover:underline">
                          {m.name}
                        </Link>
                      </td>
                      <td className="px-4 py-2">{m.gateway === "cardpointe" ? "CardPointe" : "Gateway"}</td>
                      <td className="px-4 py-2 font-mono text-xs">
                        {m.mid ?? "—"}
                        {m.copilotMid && m.copilotMid !== m.mid ? (
                          <span className="block text-slate-500" title="Front-end MID assigned by CoPilot">
                            CoPilot {m.copilotMid}
                          </span>
                        ) : null}
                      </td>
                      <td className="px-4 py-2">
                        {m.applicationId ? (
                          <Link href={`/partner/boarding/${m.applicationId}`} className="hover:underline">
                            <StatusBadge kind="boarding" status={m.stage ?? "draft"} />
                          </Link>
                        ) : (
                          <span className="text-slate-500">Boarded before the portal</span>
                        )}
                      </td>
                      <td className="px-4 py-2">
                        <StatusBadge kind="merchant" status={m.status} />
                      </td>
                      <td className="px-4 py-2 text-right tabular-nums">
                        {m.days > 0 ? (
                          formatMoney(m.volume, m.currency ?? "USD")
                        ) : (
                          <span className="text-slate-500">no data yet</span>
                        )}
                      </td>
                      <td className="px-4 py-2 text-right tabular-nums">
                        {m.days > 0 && n > 0 ? (
                          `${((m.approved / n) * 100).toFixed(1)}%`
                        ) : (
                          <span className="text-slate-500">no data yet</span>
                        )}
                      </td>
                      {isAdmin ? (
                        <td className="px-4 py-2">
                          <AssignAgents
                            partnerId={ctx.partnerId}
                            merchantId={m.id}
                            merchantName={m.name}
                            agents={agents}
                            assigned={assignments.filter((a) => a.merchantId === m.id).map((a) => a.userId)}
                          />
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} href={qs} />
      </div>
    </section>
  );
}
