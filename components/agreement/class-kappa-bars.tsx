"use client";

import { Bar, BarChart, CartesianGrid, Cell, Label, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatFigure } from "@/components/agreement/format";

export interface ClassBar {
  label: string;
  kappa: number;
  images: number;
}

/** Fleiss' κ on present/absent for the classes most often named, one horizontal bar each. */
export function ClassKappaBars({ bars }: { bars: ClassBar[] }) {
  return (
    <div role="img" aria-label={`Bar chart of Fleiss' kappa for ${bars.length} classes`} style={{ height: 60 + bars.length * 28 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 5, right: 30, bottom: 30, left: 10 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tickFormatter={(value: number) => value.toFixed(1)}>
            <Label value="Fleiss' κ, class present / absent" position="insideBottom" offset={-20} fill="#334155" />
          </XAxis>
          <YAxis type="category" dataKey="label" width={190} interval={0} tick={{ fontSize: 12 }}>
            <Label value="Class" angle={-90} position="insideLeft" fill="#334155" />
          </YAxis>
          <ReferenceLine x={0} stroke="#64748b" />
          <Tooltip formatter={(value) => formatFigure(Number(value))} labelFormatter={(label) => String(label)} />
          <Bar dataKey="kappa" name="Fleiss' κ" isAnimationActive={false}>
            {bars.map((bar) => (
              <Cell key={bar.label} fill={bar.kappa < 0 ? "#dc2626" : "#4f46e5"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
