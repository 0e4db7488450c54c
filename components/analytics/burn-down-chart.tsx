"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SERIES_COLORS } from "@/components/analytics/chart-colors";

const hour = (iso: string) => new Date(iso).toISOString().slice(5, 16).replace("T", " ");

/** Images still needing decisions, hour by hour (UTC). */
export function BurnDownChart({ name, points }: { name: string; points: { at: string; remaining: number }[] }) {
  return (
    <figure className="h-64" role="img" aria-label={`Queue burn-down of ${name}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 24, bottom: 24, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="at" tickFormatter={hour} tick={{ fontSize: 12 }} label={{ value: "Time (UTC, hourly)", position: "insideBottom", offset: -16, fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: "Images remaining", angle: -90, position: "insideLeft", offset: -12, fontSize: 12 }} />
          <Tooltip labelFormatter={(label) => hour(String(label))} />
          <Line type="stepAfter" dataKey="remaining" name="Images remaining" stroke={SERIES_COLORS[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
