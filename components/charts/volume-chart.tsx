import { ColumnChart } from "./bars";
import { ChartData } from "./chart-data";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const usdShort = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact" });
const dollars = (cents: number) => usd.format(cents / 100);

export interface DayPoint {
  day: string;
  grossVolume: number;
  refundAmount: number;
  approvedCount: number;
  declinedCount: number;
}

const dayLabel = (d: DayPoint) => d.day.slice(5);

/** Gross volume and refunds by day (cents in, dollars shown). */
export function VolumeChart({ data }: { data: DayPoint[] }) {
  return (
    <ChartData
      caption="Gross volume and refunds by day"
      rows={data}
      columns={[
        { label: "Day", value: (d) => d.day },
        { label: "Gross volume", value: (d) => dollars(d.grossVolume) },
        { label: "Refunds", value: (d) => dollars(d.refundAmount) },
      ]}
    >
      <ColumnChart
        rows={data}
        height={220}
        label={dayLabel}
        format={(v) => usdShort.format(v / 100)}
        series={[
          { name: "Gross volume", color: "#2f6fed", value: (d) => d.grossVolume },
          { name: "Refunds", color: "#f59e0b", value: (d) => d.refundAmount },
        ]}
      />
    </ChartData>
  );
}

/** Approved and declined counts by day. */
export function ApprovalsChart({ data }: { data: DayPoint[] }) {
  return (
    <ChartData
      caption="Approved and declined transactions by day"
      rows={data}
      columns={[
        { label: "Day", value: (d) => d.day },
        { label: "Approved", value: (d) => String(d.approvedCount) },
        { label: "Declined", value: (d) => String(d.declinedCount) },
      ]}
    >
      <ColumnChart
        rows={data}
        height={180}
        stacked
        label={dayLabel}
        format={String}
        series={[
          { name: "Approved", color: "#16a34a", value: (d) => d.approvedCount },
          { name: "Declined", color: "#dc2626", value: (d) => d.declinedCount },
        ]}
      />
    </ChartData>
  );
}
