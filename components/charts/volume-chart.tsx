"use client";

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

/** Gross volume and refunds by day (cents in, dollars shown). */
export function VolumeChart({ data }: { data: DayPoint[] }) {
  return (
    <ChartData
      caption="Gross volume and refunds by day"
      rows={data}
      columns={[
        { label: "Day", value: (d) => d.day },
        { label: "Gross volume", value: (d) => usd.format(d.grossVolume / 100) },
        { label: "Refunds", value: (d) => usd.format(d.refundAmount / 100) },
      ]}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => d.slice(5)}
            fontSize={12}
            stroke="#64748b"
            minTickGap={16}
          />
          <YAxis tickFormatter={(v: number) => usdShort.format(v / 100)} fontSize={12} stroke="#64748b" width={64} />
          <Tooltip formatter={(v) => usd.format(Number(v) / 100)} />
          <Legend />
          <Bar dataKey="grossVolume" name="Gross volume" fill="#2f6fed" radius={[3, 3, 0, 0]} />
          <Bar dataKey="refundAmount" name="Refunds" fill="#f59e0b" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
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
      <ResponsiveContainer width="100%" height={220}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => d.slice(5)}
            fontSize={12}
            stroke="#64748b"
            minTickGap={16}
          />
          <YAxis allowDecimals={false} fontSize={12} stroke="#64748b" width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="approvedCount" name="Approved" stackId="a" fill="#16a34a" />
          <Bar dataKey="declinedCount" name="Declined" stackId="a" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
    </ChartData>
  );
}
