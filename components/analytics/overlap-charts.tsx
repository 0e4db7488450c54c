"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SERIES_COLORS } from "@/components/analytics/chart-colors";

export interface OverlapChartsProps {
  coveredBy: { studies: number; images: number }[];
  comparison: { measure: string; sets: number | null; strings: number | null }[];
}

export function OverlapCharts({ coveredBy, comparison }: OverlapChartsProps) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="h-72" role="img" aria-label="Validation images by the number of studies that cover them">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={coveredBy.map((c) => ({ label: `${c.studies} ${c.studies === 1 ? "study" : "studies"}`, images: c.images }))} margin={{ top: 8, right: 16, bottom: 24, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} label={{ value: "Covered by exactly", position: "insideBottom", offset: -16, fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} label={{ value: "Images", angle: -90, position: "insideLeft", offset: -12, fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="images" name="Images" fill={SERIES_COLORS[0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="h-72" role="img" aria-label="Agreement among covering studies, compared as sets and as ordered label strings">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={comparison} margin={{ top: 8, right: 16, bottom: 24, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="measure" tick={{ fontSize: 12 }} />
            <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 12 }} label={{ value: "Percent", angle: -90, position: "insideLeft", offset: -12, fontSize: 12 }} />
            <Tooltip formatter={(value) => `${value}%`} />
            <Legend verticalAlign="top" height={28} />
            <Bar dataKey="sets" name="Compared as sets" fill={SERIES_COLORS[0]} isAnimationActive={false} />
            <Bar dataKey="strings" name="Compared as ordered strings (the blog)" fill={SERIES_COLORS[1]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
