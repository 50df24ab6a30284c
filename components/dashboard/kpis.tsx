import { getTotals, type Totals } from "@/db/queries/dashboard";
import { change, type Period } from "@/lib/dashboard/range";
import { formatMoney } from "@/lib/money";
import { cn } from "@/components/ui/cn";

interface Kpi {
  label: string;
  value: string;
  change: number | null;
  /** A rise is good (volume) or bad (refunds). */
  goodWhenUp: boolean;
  note?: string;
}

function derived(t: Totals) {
  const decided = t.approvedCount + t.declinedCount;
  return {
    gross: t.grossVolume,
    net: t.grossVolume - t.refundAmount,
    approvalRate: decided === 0 ? null : t.approvedCount / decided,
    refunds: t.refundAmount,
    averageTicket: t.approvedCount === 0 ? null : Math.round(t.grossVolume / t.approvedCount),
  };
}

export async function KpiCards({ merchantId, period }: { merchantId: string; period: Period }) {
  const [cur, prev] = await Promise.all([
    getTotals({ merchantId, from: period.from, to: period.to }),
    getTotals({ merchantId, ...period.previous }),
  ]);
  const c = derived(cur);
  const p = derived(prev);
  const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
  const kpis: Kpi[] = [
    { label: "Gross volume", value: formatMoney(c.gross), change: change(c.gross, p.gross), goodWhenUp: true },
    { label: "Net volume", value: formatMoney(c.net), change: change(c.net, p.net), goodWhenUp: true },
    {
      label: "Approval rate",
      value: pct(c.approvalRate),
      change: c.approvalRate !== null && p.approvalRate !== null ? c.approvalRate - p.approvalRate : null,
      goodWhenUp: true,
      note: "points",
    },
    { label: "Refunds", value: formatMoney(c.refunds), change: change(c.refunds, p.refunds), goodWhenUp: false },
    {
      label: "Average ticket",
      value: c.averageTicket === null ? "—" : formatMoney(c.averageTicket),
      change: c.averageTicket !== null && p.averageTicket !== null ? change(c.averageTicket, p.averageTicket) : null,
      goodWhenUp: true,
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
      {kpis.map((k) => (
        <div
          key={k.label}
          role="group"
          aria-label={k.label}
          className="rounded-lg border border-slate-200 bg-white p-4"
        >
          <p className="text-xs font-medium text-slate-500">{k.label}</p>
          <p className="mt-1 text-xl font-semibold tabular-nums">{k.value}</p>
          <ChangeBadge k={k} />
        </div>
      ))}
    </div>
  );
}

function ChangeBadge({ k }: { k: Kpi }) {
  if (k.change === null) return <p className="mt-1 text-xs text-slate-500">no earlier data</p>;
  const up = k.change > 0;
  const good = k.change === 0 ? null : up === k.goodWhenUp;
  const text =
    k.note === "points"
      ? `${up ? "+" : ""}${(k.change * 100).toFixed(1)} pts`
      : `${up ? "+" : ""}${(k.change * 100).toFixed(1)}%`;
  return (
    <p className={cn("mt-1 text-xs", good === null ? "text-slate-500" : good ? "text-green-700" : "text-red-700")}>
      {text} vs previous period
    </p>
  );
}

export function KpiSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-5" aria-busy="true">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-[92px] animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
