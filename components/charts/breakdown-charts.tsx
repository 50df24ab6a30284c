import { BarList, Donut } from "./bars";
import { ChartData } from "./chart-data";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const COLORS = ["#2f6fed", "#16a34a", "#f59e0b", "#9333ea", "#0891b2", "#dc2626", "#64748b"];

export function DeclineReasonsChart({ data }: { data: { reason: string; count: number }[] }) {
  return (
    <ChartData
      caption="Declines by reason"
      rows={data}
      columns={[
        { label: "Reason", value: (d) => d.reason },
        { label: "Declines", value: (d) => String(d.count) },
      ]}
    >
      <BarList rows={data} label={(d) => d.reason} value={(d) => d.count} format={String} color="#dc2626" />
    </ChartData>
  );
}

export function BrandMixChart({ data }: { data: { brand: string; volume: number }[] }) {
  return (
    <ChartData
      caption="Card volume by brand"
      rows={data}
      columns={[
        { label: "Brand", value: (d) => d.brand },
        { label: "Volume", value: (d) => usd.format(d.volume / 100) },
      ]}
    >
      <Donut
        rows={data}
        label={(d) => d.brand}
        value={(d) => d.volume}
        format={(v) => usd.format(v / 100)}
        colors={COLORS}
      />
    </ChartData>
  );
}
