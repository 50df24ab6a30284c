"use client";

import { Bar, BarChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * 36)}>
        <BarChart
          accessibilityLayer={false}
          data={data}
          layout="vertical"
          margin={{ top: 0, right: 16, left: 8, bottom: 0 }}
        >
          <XAxis type="number" allowDecimals={false} fontSize={12} stroke="#64748b" />
          <YAxis type="category" dataKey="reason" width={160} fontSize={12} stroke="#64748b" />
          <Tooltip />
          <Bar dataKey="count" name="Declines" fill="#dc2626" radius={[0, 3, 3, 0]} />
        </BarChart>
      </ResponsiveContainer>
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
      <ResponsiveContainer width="100%" height={220}>
        <PieChart accessibilityLayer={false}>
          <Pie
            rootTabIndex={-1}
            data={data}
            dataKey="volume"
            nameKey="brand"
            innerRadius={50}
            outerRadius={85}
            paddingAngle={2}
            isAnimationActive={false}
          >
            {data.map((d, i) => (
              <Cell key={d.brand} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
          <Tooltip formatter={(v) => usd.format(Number(v) / 100)} />
        </PieChart>
      </ResponsiveContainer>
    </ChartData>
  );
}
