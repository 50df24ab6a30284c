"use client";

import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartData } from "./chart-data";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const usdShort = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact" });

export interface DayPoint {
  day: string;
  grossVolume: number;
  refundAmount: number;
  approvedCount: number;
  declinedCount: number;
}

/** Both daily charts: a day per bar group, the figures as a table for screen readers, a legend and a tooltip. */
function DailyBarChart({
  caption,
  data,
  columns,
  height,
  marginLeft,
  yAxis,
  format,
  children,
}: {
  caption: string;
  data: DayPoint[];
  columns: { label: string; value: (d: DayPoint) => string }[];
  height: number;
  marginLeft: number;
  /** The YAxis element (a direct child of the chart, as Recharts wants). */
  yAxis: ReactNode;
  format?: (v: unknown) => string;
  children: ReactNode;
}) {
  return (
    <ChartData caption={caption} rows={data} columns={[{ label: "Day", value: (d) => d.day }, ...columns]}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, left: marginLeft, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => d.slice(5)}
            fontSize={12}
            stroke="#64748b"
            minTickGap={16}
          />
          {yAxis}
          <Tooltip formatter={format} />
          <Legend />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </ChartData>
  );
}

/** Gross volume and refunds by day (cents in, dollars shown). */
export function VolumeChart({ data }: { data: DayPoint[] }) {
  return (
    <DailyBarChart
      caption="Gross volume and refunds by day"
      data={data}
      columns={[
        { label: "Gross volume", value: (d) => usd.format(d.grossVolume / 100) },
        { label: "Refunds", value: (d) => usd.format(d.refundAmount / 100) },
      ]}
      height={260}
      marginLeft={8}
      yAxis={
        <YAxis tickFormatter={(v: number) => usdShort.format(v / 100)} fontSize={12} stroke="#64748b" width={64} />
      }
      format={(v) => usd.format(Number(v) / 100)}
    >
      <Bar dataKey="grossVolume" name="Gross volume" fill="#2f6fed" radius={[3, 3, 0, 0]} />
      <Bar dataKey="refundAmount" name="Refunds" fill="#f59e0b" radius={[3, 3, 0, 0]} />
    </DailyBarChart>
  );
}

/** Approved and declined counts by day. */
export function ApprovalsChart({ data }: { data: DayPoint[] }) {
  return (
    <DailyBarChart
      caption="Approved and declined transactions by day"
      data={data}
      columns={[
        { label: "Approved", value: (d) => String(d.approvedCount) },
        { label: "Declined", value: (d) => String(d.declinedCount) },
      ]}
      height={220}
      marginLeft={0}
      yAxis={<YAxis allowDecimals={false} fontSize={12} stroke="#64748b" width={40} />}
    >
      <Bar dataKey="approvedCount" name="Approved" stackId="a" fill="#16a34a" />
      <Bar dataKey="declinedCount" name="Declined" stackId="a" fill="#dc2626" />
    </DailyBarChart>
  );
}
