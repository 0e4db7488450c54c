/**
 * Distances between label sets, 0 (same) to 1 (disjoint). Two empty sets are the same.
 */
export function jaccardDistance(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 0;
  let shared = 0;
  for (const item of left) if (right.has(item)) shared += 1;
  return 1 - shared / (left.size + right.size - shared);
}

/**
 * MASI (Passonneau 2006): 1 − Jaccard × monotonicity, where monotonicity is 1 for identical
 * sets, 2/3 when one contains the other, 1/3 when they overlap otherwise, 0 when disjoint.
 */
export function masiDistance(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 0;
  let shared = 0;
  for (const item of left) if (right.has(item)) shared += 1;
  const jaccard = shared / (left.size + right.size - shared);
  const monotonicity =
    shared === left.size && shared === right.size ? 1 : shared === left.size || shared === right.size ? 2 / 3 : shared > 0 ? 1 / 3 : 0;
  return 1 - jaccard * monotonicity;
}
