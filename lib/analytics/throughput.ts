/**
 * Campaign throughput from decisions: images per hour per annotator (over the time they spent
 * on images, so breaks do not count), median seconds per image, and the queue's burn-down —
 * images still needing a decision after each hour, from the time each image got its last
 * required decision.
 */

export interface DecisionTiming {
  userId: number;
  imageId: number;
  createdAt: Date;
  timeSpentMs: number | null;
}

export interface AnnotatorThroughput {
  userId: number;
  decisions: number;
  /** Images per hour of time spent labeling; null without recorded times. */
  imagesPerHour: number | null;
  medianSeconds: number | null;
}

export interface BurnDownPoint {
  at: string;
  remaining: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function annotatorThroughput(decisions: DecisionTiming[]): AnnotatorThroughput[] {
  const byUser = new Map<number, DecisionTiming[]>();
  for (const d of decisions) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  return [...byUser.entries()]
    .map(([userId, list]) => {
      const times = list.map((d) => d.timeSpentMs).filter((t): t is number => t !== null && t > 0);
      const totalMs = times.reduce((s, t) => s + t, 0);
      const med = median(times);
      return { userId, decisions: list.length, imagesPerHour: totalMs > 0 ? round((times.length * 3_600_000) / totalMs) : null, medianSeconds: med === null ? null : round(med / 1000) };
    })
    .sort((a, b) => a.userId - b.userId);
}

/**
 * Remaining images at each hour from the first decision to the last, plus the start. An image
 * is done when it has `perImage` decisions.
 */
export function burnDown(totalImages: number, decisions: Pick<DecisionTiming, "imageId" | "createdAt">[], perImage: number): BurnDownPoint[] {
  if (decisions.length === 0) return [];
  const sorted = [...decisions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const count = new Map<number, number>();
  const doneAt: number[] = [];
  for (const d of sorted) {
    const n = (count.get(d.imageId) ?? 0) + 1;
    count.set(d.imageId, n);
    if (n === perImage) doneAt.push(d.createdAt.getTime());
  }
  const hour = 3_600_000;
  const start = Math.floor(sorted[0]!.createdAt.getTime() / hour) * hour;
  const end = sorted.at(-1)!.createdAt.getTime();
  const points: BurnDownPoint[] = [];
  let done = 0;
  for (let t = start; t <= end + hour; t += hour) {
    while (done < doneAt.length && doneAt[done]! < t) done += 1;
    points.push({ at: new Date(t).toISOString(), remaining: totalImages - done });
    // Long campaigns: at most ~500 points, so the chart stays readable.
    if (points.length > 500) break;
  }
  return points;
}
