"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SERIES_COLORS } from "@/components/analytics/chart-colors";

export interface RankChartProps {
  protocols: { protocol: string; title: string }[];
  models: { model: string; title: string }[];
  /** protocol → model → rank (1 = best). */
  ranks: Record<string, Record<string, number | null>>;
}

/** A bump chart: each model's rank by top-1 under each protocol; a crossing line is a model that gains or loses places. */
export function RankChart({ protocols, models, ranks }: RankChartProps) {
  const data = protocols.map((p) => ({ protocol: p.title, ...ranks[p.protocol] }));
  return (
    <div className="h-96 w-full" role="img" aria-label="Rank of each model by top-1 accuracy under each protocol">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="protocol" tick={{ fontSize: 12 }} label={{ value: "Protocol", position: "insideBottom", offset: -16, fontSize: 12 }} />
          <YAxis
            reversed
            allowDecimals={false}
            domain={[1, Math.max(1, models.length)]}
            tick={{ fontSize: 12 }}
            label={{ value: "Rank by top-1 (1 = best)", angle: -90, position: "insideLeft", fontSize: 12, style: { textAnchor: "middle" } }}
          />
          <Tooltip />
          <Legend verticalAlign="top" height={36} />
          {models.map((m, i) => (
            <Line key={m.model} type="linear" dataKey={m.model} name={m.title} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={2} dot={{ r: 4 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
