/**
 * Krippendorff's α as computed in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
 * values are paired only within a unit, each unit with m_u ≥ 2 values contributes its pairs with
 * weight 1/(m_u − 1) to the coincidence matrix o_ck, and α = 1 − (n − 1) Σ o_ck δ_ck / Σ n_c n_k δ_ck.
 * Missing values are simply absent from a unit; units with one value are not pairable.
 *
 * Values are keys (strings); `distance` gives δ between two keys and must be 0 for equal keys.
 * Work is grouped by distinct value, so the expected disagreement costs (distinct values)², not (values)².
 * With `near`, a metric bounded by 1 can say which values may be closer than 1 to a value (for label
 * sets: those sharing an item); all others count as δ = 1 without being visited, which keeps a
 * campaign with tens of thousands of distinct label sets fast.
 */
export function krippendorffAlpha(
  units: readonly (readonly string[])[],
  distance: (a: string, b: string) => number,
  near?: (value: string) => Iterable<string>,
): { n: number; alpha: number | null } {
  const pairable = units.filter((values) => values.length >= 2);
  const totals = new Map<string, number>();
  let observed = 0;
  for (const values of pairable) {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    const entries = [...counts];
    const weight = 1 / (values.length - 1);
    for (let i = 0; i < entries.length; i += 1) {
      const [c, nc] = entries[i]!;
      totals.set(c, (totals.get(c) ?? 0) + nc);
      // Off-diagonal cells only: δ_cc = 0. Both (c,k) and (k,c) count, hence the 2.
      for (let j = i + 1; j < entries.length; j += 1) {
        const [k, nk] = entries[j]!;
        observed += 2 * nc * nk * weight * distance(c, k);
      }
    }
  }
  const n = [...totals.values()].reduce((sum, count) => sum + count, 0);
  const distinct = [...totals];
  let expected = 0;
  if (near) {
    // Every ordered pair of different values at δ = 1, then the near ones corrected by (1 − δ).
    expected = n * n - distinct.reduce((sum, [, count]) => sum + count * count, 0);
    for (const [c, nc] of distinct) {
      for (const k of near(c)) {
        const nk = k === c ? undefined : totals.get(k);
        if (nk !== undefined) expected -= nc * nk * (1 - distance(c, k));
      }
    }
  } else {
    for (let i = 0; i < distinct.length; i += 1) {
      const [c, nc] = distinct[i]!;
      for (let j = i + 1; j < distinct.length; j += 1) {
        const [k, nk] = distinct[j]!;
        expected += 2 * nc * nk * distance(c, k);
      }
    }
  }
  // No pairable value, or no variation at all: α is 0/0, undefined rather than perfect.
  if (n < 2 || expected === 0) return { n, alpha: null };
  return { n, alpha: 1 - ((n - 1) * observed) / expected };
}

export const nominalDistance = (a: string, b: string) => (a === b ? 0 : 1);
