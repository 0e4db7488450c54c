import type { Measure } from "./benchmark";

export interface Summary {
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  count: number;
}

/** Nearest-rank percentile: always a value that was observed, never an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("No samples to summarise.");
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    count: sorted.length,
  };
}

/**
 * How many times worse than its baseline a measure is, by medians: over 1 means slower. For a rate
 * (images/s) the division flips, so the figure reads the same way for every unit.
 */
export function ratioOf(measure: Pick<Measure, "unit" | "measured" | "baseline">): number {
  const measured = summarise(measure.measured.samples).median;
  const baseline = summarise(measure.baseline.samples).median;
  return measure.unit === "per-second" ? baseline / measured : measured / baseline;
}
