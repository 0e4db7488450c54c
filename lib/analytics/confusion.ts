import type { ImageVerdict } from "@/lib/analytics/class-confirmation";

/**
 * Original label (rows) against what a source or model says (columns) for a chosen set of
 * classes. Columns are the chosen classes plus one bucket each for another class, several
 * labels, ambiguous, not in ImageNet and no usable verdict; row percentages add up to 100.
 */
export const OTHER_COLUMNS = ["other class", "several", "ambiguous", "not in ImageNet", "no verdict"] as const;

export interface ConfusionRow {
  class: number;
  total: number;
  counts: Record<string, number>;
  /** Percent of the row's images per column, two decimals. */
  percents: Record<string, number>;
}

export interface ConfusionMatrix {
  classes: number[];
  columns: string[];
  rows: ConfusionRow[];
}

export function columnOf(verdict: ImageVerdict, classes: readonly number[]): string {
  if (verdict.ambiguous) return "ambiguous";
  if (verdict.classes.length + verdict.outsideLabels.length > 1) return "several";
  if (verdict.classes.length === 1) return classes.includes(verdict.classes[0]!) ? String(verdict.classes[0]) : "other class";
  if (verdict.outsideLabels.length === 1) return "not in ImageNet";
  return "no verdict";
}

export function confusionMatrix(verdicts: Iterable<ImageVerdict>, classes: readonly number[]): ConfusionMatrix {
  const columns = [...classes.map(String), ...OTHER_COLUMNS];
  const rows = new Map(classes.map((c) => [c, { class: c, total: 0, counts: Object.fromEntries(columns.map((k) => [k, 0])) as Record<string, number> }]));
  for (const v of verdicts) {
    const row = rows.get(v.original);
    if (!row) continue;
    row.total += 1;
    row.counts[columnOf(v, classes)]! += 1;
  }
  return {
    classes: [...classes],
    columns,
    rows: [...rows.values()].map((r) => ({
      ...r,
      percents: Object.fromEntries(columns.map((k) => [k, r.total === 0 ? 0 : Math.round((10_000 * r.counts[k]!) / r.total) / 100])),
    })),
  };
}
