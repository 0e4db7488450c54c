/**
 * Agreement on nominal values (an outcome key, or "present"/"absent" for one class). A unit is the
 * list of values its raters gave; units with fewer than two values say nothing about agreement.
 * Every function returns null where the statistic is undefined (no pairable unit, or no variation
 * to correct for chance), never a made-up 0 or 1.
 */

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Share of agreeing rater pairs within one unit (Fleiss's P_i, for any number of raters ≥ 2). */
export function unitPairAgreement(values: readonly string[]): number {
  const m = values.length;
  let agreeing = 0;
  for (const count of tally(values).values()) agreeing += count * (count - 1);
  return agreeing / (m * (m - 1));
}

/** Pairwise percent agreement: the mean over units with ≥ 2 values of the share of agreeing pairs. */
export function percentAgreement(units: readonly (readonly string[])[]): { n: number; agreement: number | null } {
  let n = 0;
  let sum = 0;
  for (const values of units) {
    if (values.length < 2) continue;
    n += 1;
    sum += unitPairAgreement(values);
  }
  return { n, agreement: n === 0 ? null : sum / n };
}

/**
 * Cohen's κ (Cohen 1960) for two raters over the units both rated: (p_o − p_e) / (1 − p_e), with
 * p_e from each rater's own marginal distribution.
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): { n: number; agreement: number | null; kappa: number | null } {
  const n = pairs.length;
  if (n === 0) return { n, agreement: null, kappa: null };
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    if (a === b) same += 1;
    left.set(a, (left.get(a) ?? 0) + 1);
    right.set(b, (right.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [value, count] of left) expected += (count / n) * ((right.get(value) ?? 0) / n);
  const observed = same / n;
  return { n, agreement: observed, kappa: chanceCorrected(observed, expected) };
}

/**
 * Fleiss' κ (Fleiss 1971) over the units with exactly k values: (P̄ − P̄_e) / (1 − P̄_e), where P̄ is
 * the mean pairwise agreement per unit and P̄_e the sum of squared pooled category shares.
 */
export function fleissKappa(units: readonly (readonly string[])[], k: number): { k: number; n: number; kappa: number | null } {
  const rated = units.filter((values) => values.length === k);
  if (k < 2 || rated.length === 0) return { k, n: rated.length, kappa: null };
  const pooled = tally(rated.flat());
  const total = rated.length * k;
  let expected = 0;
  for (const count of pooled.values()) expected += (count / total) ** 2;
  const observed = rated.reduce((sum, values) => sum + unitPairAgreement(values), 0) / rated.length;
  return { k, n: rated.length, kappa: chanceCorrected(observed, expected) };
}

/** Fleiss' κ from a subjects × categories count table, the form Fleiss (1971) publishes. */
export function fleissKappaFromCounts(table: readonly (readonly number[])[]): number | null {
  const units = table.map((row) => row.flatMap((count, category) => Array<string>(count).fill(String(category))));
  const k = units[0]?.length ?? 0;
  if (units.some((values) => values.length !== k)) throw new Error("Every subject needs the same number of ratings.");
  return fleissKappa(units, k).kappa;
}

function chanceCorrected(observed: number, expected: number): number | null {
  // With p_e = 1 every rater used one and the same value: agreement is total but κ is 0/0.
  return expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
}
