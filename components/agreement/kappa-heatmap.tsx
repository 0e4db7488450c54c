"use client";

import { CartesianGrid, Label, Scatter, ScatterChart, Tooltip, usePlotArea, XAxis, YAxis } from "recharts";
import { formatFigure, shortAnnotator } from "@/components/agreement/format";

export interface HeatmapPair {
  a: string;
  b: string;
  n: number;
  kappa: number | null;
}

interface HeatCellDatum {
  x: number;
  y: number;
  row: string;
  column: string;
  n: number;
  kappa: number | null;
}

// Diverging: red below 0 (worse than chance), white at 0, indigo towards 1.
function fill(kappa: number | null): string {
  if (kappa === null) return "#e2e8f0";
  const t = Math.max(-1, Math.min(1, kappa));
  const [r, g, b] = t >= 0 ? [255 - t * (255 - 67), 255 - t * (255 - 56), 255 - t * (255 - 202)] : [255, 255 + t * (255 - 99), 255 + t * (255 - 99)];
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** One square per pair, sized from the plot area so the grid fills the chart whatever the annotator count. */
function HeatCell({ cx, cy, payload, count }: { cx?: number; cy?: number; payload?: HeatCellDatum; count: number }) {
  const area = usePlotArea();
  if (cx === undefined || cy === undefined || !payload || !area) return null;
  const width = area.width / count;
  const height = area.height / count;
  const dark = payload.kappa !== null && payload.kappa > 0.55;
  return (
    <g>
      <rect x={cx - width / 2 + 1} y={cy - height / 2 + 1} width={width - 2} height={height - 2} fill={fill(payload.kappa)} rx={3} />
      <text x={cx} y={cy} textAnchor="middle" dominantBaseline="central" fontSize={13} fill={dark ? "#ffffff" : "#0f172a"}>
        {payload.row === payload.column ? "" : formatFigure(payload.kappa)}
      </text>
    </g>
  );
}

function CellTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload: HeatCellDatum }[] }) {
  const cell = payload?.[0]?.payload;
  if (!active || !cell || cell.row === cell.column) return null;
  return (
    <div className="rounded bg-white px-3 py-2 text-sm shadow ring-1 ring-slate-200">
      <p className="font-medium">{cell.row} × {cell.column}</p>
      <p>Cohen&apos;s κ {formatFigure(cell.kappa)} on {cell.n} shared images</p>
    </div>
  );
}

/** Annotator × annotator Cohen's κ; the matrix is symmetric, the diagonal is left blank. */
export function KappaHeatmap({ annotators, pairs }: { annotators: string[]; pairs: HeatmapPair[] }) {
  const count = annotators.length;
  const byPair = new Map(pairs.map((pair) => [`${pair.a}\n${pair.b}`, pair]));
  const cells: HeatCellDatum[] = annotators.flatMap((row, y) =>
    annotators.map((column, x) => {
      const pair = byPair.get(`${row}\n${column}`) ?? byPair.get(`${column}\n${row}`);
      return { x, y, row, column, n: pair?.n ?? 0, kappa: row === column ? null : (pair?.kappa ?? null) };
    }),
  ).filter((cell) => cell.row === cell.column || cell.n > 0);
  const ticks = annotators.map((_, index) => index);
  // Long local parts are cut so the axis keeps its width; the tooltip and the tables name them in full.
  const label = (index: number) => {
    const short = shortAnnotator(annotators[index] ?? "");
    return short.length > 18 ? `${short.slice(0, 17)}…` : short;
  };
  const side = Math.min(560, Math.max(260, count * 90));
  return (
    <div role="img" aria-label={`Heatmap of Cohen's kappa for ${count} annotators`}>
      <ScatterChart width={side + 200} height={side + 130} margin={{ top: 10, right: 20, bottom: 40, left: 30 }}>
        <CartesianGrid stroke="transparent" />
        <XAxis type="number" dataKey="x" domain={[-0.5, count - 0.5]} ticks={ticks} tickFormatter={label} interval={0} tickLine={false} angle={-35} textAnchor="end" height={90}>
          <Label value="Annotator" position="insideBottom" offset={-25} fill="#334155" />
        </XAxis>
        <YAxis type="number" dataKey="y" domain={[-0.5, count - 0.5]} ticks={ticks} tickFormatter={label} interval={0} reversed width={150} tickLine={false}>
          <Label value="Annotator" angle={-90} position="left" offset={0} fill="#334155" />
        </YAxis>
        <Tooltip content={<CellTooltip />} cursor={false} />
        <Scatter data={cells} shape={<HeatCell count={count} />} isAnimationActive={false} />
      </ScatterChart>
    </div>
  );
}
