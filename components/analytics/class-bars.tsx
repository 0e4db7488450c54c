"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SERIES_COLORS } from "@/components/analytics/chart-colors";

export const OUTCOME_BUCKETS = [
  { key: "confirmed", label: "Original confirmed" },
  { key: "other", label: "Another class" },
  { key: "multilabel", label: "Several labels" },
  { key: "ambiguous", label: "Ambiguous" },
  { key: "outside", label: "Not in ImageNet" },
  { key: "unusable", label: "No usable verdict" },
] as const;

export type ClassBar = { label: string } & Record<(typeof OUTCOME_BUCKETS)[number]["key"], number>;

/** What a source made of each class's images, as stacked shares of 100%. */
export function ClassBars({ bars }: { bars: ClassBar[] }) {
  return (
    <figure className="w-full" style={{ height: 96 + 44 * bars.length }} role="img" aria-label="Share of each class's images by what the source decided">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" stackOffset="expand" margin={{ top: 8, right: 24, bottom: 24, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 12 }} label={{ value: "Share of the class's images", position: "insideBottom", offset: -16, fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend verticalAlign="top" height={36} />
          {OUTCOME_BUCKETS.map((b, i) => (
            <Bar key={b.key} dataKey={b.key} name={b.label} stackId="outcome" fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
