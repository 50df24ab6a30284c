import { BrandMixChart, DeclineReasonsChart } from "@/components/charts/breakdown-charts";
import { ApprovalsChart, VolumeChart } from "@/components/charts/volume-chart";
import { getBrandMix, getChannelMix, getDeclineReasons, getVolumeByDay } from "@/db/queries/dashboard";
import { CHANNEL_LABELS, channelOf } from "@/lib/sync/channel";
import { daysOf, type Period } from "@/lib/dashboard/range";
import { formatMoney } from "@/lib/money";
import { EmptyWidget, Widget } from "./widget";

interface Props {
  merchantId: string;
  period: Period;
}

async function dailySeries({ merchantId, period }: Props) {
  const rows = await getVolumeByDay({ merchantId, from: period.from, to: period.to });
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysOf(period).map((day) => ({
    day,
    grossVolume: byDay.get(day)?.grossVolume ?? 0,
    refundAmount: byDay.get(day)?.refundAmount ?? 0,
    approvedCount: byDay.get(day)?.approvedCount ?? 0,
    declinedCount: byDay.get(day)?.declinedCount ?? 0,
  }));
}

export async function VolumeWidget(p: Props) {
  const data = await dailySeries(p);
  return (
    <Widget title="Volume by day" className="lg:col-span-2">
      {data.every((d) => d.grossVolume === 0 && d.refundAmount === 0) ? (
        <EmptyWidget>No approved sales in this period.</EmptyWidget>
      ) : (
        <VolumeChart data={data} />
      )}
    </Widget>
  );
}

export async function ApprovalsWidget(p: Props) {
  const data = await dailySeries(p);
  return (
    <Widget title="Approvals vs declines">
      {data.every((d) => d.approvedCount === 0 && d.declinedCount === 0) ? (
        <EmptyWidget>No authorisations in this period.</EmptyWidget>
      ) : (
        <ApprovalsChart data={data} />
      )}
    </Widget>
  );
}

export async function DeclineReasonsWidget({ merchantId, period }: Props) {
  const data = await getDeclineReasons({ merchantId, from: period.from, to: period.to });
  return (
    <Widget title="Decline reasons">
      {data.length === 0 ? <EmptyWidget>No declines in this period.</EmptyWidget> : <DeclineReasonsChart data={data} />}
    </Widget>
  );
}

export async function BrandMixWidget({ merchantId, period }: Props) {
  const data = await getBrandMix({ merchantId, from: period.from, to: period.to });
  const total = data.reduce((s, d) => s + d.volume, 0);
  return (
    <Widget title="Card brand mix">
      {data.length === 0 ? (
        <EmptyWidget>No card volume in this period.</EmptyWidget>
      ) : (
        <div className="grid items-center gap-2 sm:grid-cols-2">
          <BrandMixChart data={data} />
          <ul className="space-y-1 text-sm">
            {data.map((d) => (
              <li key={d.brand} className="flex justify-between gap-2">
                <span className="capitalize">{d.brand}</span>
                <span className="tabular-nums text-slate-600">
                  {formatMoney(d.volume)} · {total ? Math.round((d.volume / total) * 100) : 0}%
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Widget>
  );
}

/** Approved sales by where they came from: virtual terminal / API, invoices, recurring, terminals, storefront. */
export async function ChannelMixWidget({ merchantId, period }: Props) {
  const data = await getChannelMix({ merchantId, from: period.from, to: period.to });
  return (
    <Widget title="By channel">
      {data.length === 0 ? (
        <EmptyWidget>No sales to split by channel in this period.</EmptyWidget>
      ) : (
        <ul className="space-y-1 text-sm" aria-label="Sales by channel">
          {data.map((d) => (
            <li key={d.channel} className="flex justify-between gap-2" data-channel={d.channel}>
              <span>{CHANNEL_LABELS[channelOf({ channel: d.channel, methodKind: "" })]}</span>
              <span className="tabular-nums text-slate-600">
                {d.count} · {formatMoney(d.volume)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Widget>
  );
}
