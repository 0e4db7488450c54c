"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Text, Tooltip, XAxis, YAxis } from "recharts";
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
          {/* Every protocol is named (recharts would drop the ones that overlap), wrapped to its share of the width. */}
          <XAxis
            dataKey="protocol"
            interval={0}
            height={64}
            padding={{ left: 64, right: 64 }}
            tick={<ProtocolTick />}
            label={{ value: "Protocol", position: "insideBottom", offset: -16, fontSize: 12 }}
          />
          <YAxis
            reversed
            allowDecimals={false}
            domain={[1, Math.max(1, models.length)]}
            tick={{ fontSize: 12 }}
            label={{ value: "Rank by top-1 (1 = best)", angle: -90, position: "insideLeft", fontSize: 12, style: { textAnchor: "middle" } }}
          />
          <Tooltip />
          {/* No fixed height: a legend of long model names wraps, and the plot starts below it. */}
          <Legend verticalAlign="top" />
          {models.map((m, i) => (
            <Line key={m.model} type="linear" dataKey={m.model} name={m.title} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={2} dot={{ r: 4 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: string };
  /** The axis's width, which recharts passes to each tick. */
  width?: number;
  visibleTicksCount?: number;
}

function ProtocolTick({ x, y, payload, width = 0, visibleTicksCount = 1 }: TickProps) {
  // At most 160 px, so the first and last names, centred on the plot's edges, stay inside the padding.
  const share = width / Math.max(1, visibleTicksCount);
  return (
    <Text x={x} y={y} width={Math.min(160, Math.max(64, share - 12))} textAnchor="middle" verticalAnchor="start" fontSize={12} fill="#475569">
      {payload?.value ?? ""}
    </Text>
  );
}
