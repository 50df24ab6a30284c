import { EmptyWidget, Widget } from "@/components/dashboard/widget";
import { pipelineCounts } from "@/db/queries/boarding";
import { merchantPerformance, merchantsWithoutVolume } from "@/db/queries/partner-dashboard";
import type { PartnerContext } from "@/lib/auth/guard";
import { change, type Period } from "@/lib/dashboard/range";
import { formatMoney } from "@/lib/money";
import { addDays } from "@/lib/dates";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function performance(ctx: PartnerContext, period: Period) {
  return merchantPerformance({
    partnerId: ctx.partnerId,
    agentUserId: ctx.agentUserId,
    from: period.from,
    to: period.to,
    prevFrom: period.previous.from,
    prevTo: period.previous.to,
  });
}

/** Portfolio volume and approval rate, total and by merchant (top 8). */
export async function VolumeByMerchant({ ctx, period }: { ctx: PartnerContext; period: Period }) {
  const rows = await performance(ctx, period);
  const withData = rows.filter((r) => r.rows > 0);
  const total = withData.reduce((s, r) => s + r.volume, 0);
  const prev = rows.reduce((s, r) => s + r.previousVolume, 0);
  const approved = withData.reduce((s, r) => s + r.approved, 0);
  const declined = withData.reduce((s, r) => s + r.declined, 0);
  const delta = change(total, prev);
  const top = withData.slice(0, 8);
  const max = Math.max(1, ...top.map((r) => r.volume));
  return (
    <Widget title={`Portfolio volume · last ${period.days} days`} className="lg:col-span-2">
      {withData.length === 0 ? (
        <EmptyWidget>No transaction data yet for your merchants in this period.</EmptyWidget>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap gap-8">
            <div>
              <p className="text-2xl font-semibold">{formatMoney(total)}</p>
              <p className="text-xs text-slate-500">
                {delta === null
                  ? "no previous period"
                  : `${delta >= 0 ? "+" : ""}${pct(delta)} vs previous ${period.days} days`}
              </p>
            </div>
            <div>
              <p className="text-2xl font-semibold">
                {approved + declined ? pct(approved / (approved + declined)) : "—"}
              </p>
              <p className="text-xs text-slate-500">approval rate ({approved + declined} attempts)</p>
            </div>
          </div>
          <ul className="space-y-2">
            {top.map((r) => {
              const n = r.approved + r.declined;
              return (
                <li key={r.merchantId} className="grid grid-cols-[10rem_1fr_6rem_4rem] items-center gap-3 text-sm">
                  <span className="truncate">{r.name}</span>
                  <div className="h-2 rounded bg-slate-100">
                    <div className="h-2 rounded bg-brand-500" style={{ width: `${(r.volume / max) * 100}%` }} />
                  </div>
                  <span className="text-right tabular-nums">{formatMoney(r.volume)}</span>
                  <span className="text-right text-slate-500 tabular-nums">{n ? pct(r.approved / n) : "—"}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Widget>
  );
}

/** Largest changes in volume against the previous period of the same length. */
export async function TopMovers({ ctx, period }: { ctx: PartnerContext; period: Period }) {
  const rows = (await performance(ctx, period))
    .filter((r) => r.volume > 0 || r.previousVolume > 0)
    .map((r) => ({ ...r, delta: r.volume - r.previousVolume }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, 5);
  return (
    <Widget title="Top movers">
      {rows.length === 0 ? (
        <EmptyWidget>No volume in this or the previous period yet.</EmptyWidget>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((r) => {
            const c = change(r.volume, r.previousVolume);
            return (
              <li key={r.merchantId} className="flex justify-between gap-2 py-1.5">
                <span className="truncate">{r.name}</span>
                <span className={r.delta >= 0 ? "text-emerald-700" : "text-red-700"}>
                  {r.delta >= 0 ? "▲" : "▼"} {formatMoney(Math.abs(r.delta))}
                  {c !== null ? ` (${c >= 0 ? "+" : ""}${pct(c)})` : " (new)"}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Widget>
  );
}

export async function NoVolume({ ctx, today }: { ctx: PartnerContext; today: string }) {
  const since = addDays(today, -6);
  const rows = await merchantsWithoutVolume({ partnerId: ctx.partnerId, agentUserId: ctx.agentUserId, since });
  return (
    <Widget title="No volume in 7 days">
      {rows.length === 0 ? (
        <EmptyWidget>Every merchant processed in the last 7 days.</EmptyWidget>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.slice(0, 8).map((r) => (
            <li key={r.merchantId} className="flex justify-between gap-2 py-1.5">
              <span className="truncate">{r.name}</span>
              <span className="text-slate-500">{r.lastActive ? `last ${r.lastActive}` : "no data yet"}</span>
            </li>
          ))}
          {rows.length > 8 ? <li className="py-1.5 text-slate-500">and {rows.length - 8} more</li> : null}
        </ul>
      )}
    </Widget>
  );
}

const PIPELINE: [string, string][] = [
  ["draft", "Drafts"],
  ["signature_sent", "Awaiting signature"],
  ["signed", "Underwriting"],
  ["approved", "Approved"],
  ["boarded", "Boarded"],
  ["live", "Live"],
  ["declined", "Declined"],
];

export async function Pipeline({ ctx }: { ctx: PartnerContext }) {
  const counts = await pipelineCounts({
    partnerId: ctx.partnerId,
    createdBy: ctx.role === "partner_agent" ? ctx.user.id : undefined,
  });
  const n = (k: string) => (counts as Record<string, number>)[k] ?? 0;
  return (
    <Widget title="Boarding pipeline">
      <dl className="grid grid-cols-2 gap-2 text-sm">
        {PIPELINE.map(([k, label]) => (
          <div key={k} className="flex justify-between rounded bg-slate-50 px-2 py-1">
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-semibold tabular-nums">{k === "draft" ? n("draft") + n("submitted") : n(k)}</dd>
          </div>
        ))}
      </dl>
    </Widget>
  );
}
