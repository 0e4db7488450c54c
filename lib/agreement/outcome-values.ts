import type { VerdictStatus } from "@/lib/generated/prisma/enums";
import { type DecisionOutcome, outcomeItems, outcomeKey } from "@/lib/decisions/outcome";

/**
 * The values agreement is computed on. Whole outcomes are nominal keys (`outcomeKey`); the set
 * metrics need each key's items back, which `OutcomeValues` remembers, sorted, so that a distance
 * is one merge of two sorted arrays instead of building two Sets (α's expected disagreement visits
 * every pair of distinct outcomes in a campaign, thousands squared at 150k decisions).
 */
export class OutcomeValues {
  private readonly items = new Map<string, string[]>();

  key(outcome: DecisionOutcome): string {
    const key = outcomeKey(outcome);
    if (!this.items.has(key)) this.items.set(key, [...outcomeItems(outcome)].sort());
    return key;
  }

  readonly jaccard = (a: string, b: string): number => {
    const { shared, left, right } = this.overlap(a, b);
    if (left === 0 && right === 0) return 0;
    return 1 - shared / (left + right - shared);
  };

  /** MASI (Passonneau 2006), the same formula as `masiDistance`. */
  readonly masi = (a: string, b: string): number => {
    const { shared, left, right } = this.overlap(a, b);
    if (left === 0 && right === 0) return 0;
    const monotonicity = shared === left && shared === right ? 1 : shared === left || shared === right ? 2 / 3 : shared > 0 ? 1 / 3 : 0;
    return 1 - (shared / (left + right - shared)) * monotonicity;
  };

  private byItem: Map<string, string[]> | undefined;

  /**
   * The keys sharing at least one item with `key`: the only ones closer than 1 under Jaccard or MASI.
   * Indexed on first use, after every value has been keyed.
   */
  readonly near = (key: string): Iterable<string> => {
    if (!this.byItem) {
      this.byItem = new Map();
      for (const [value, items] of this.items) {
        for (const item of items) {
          const list = this.byItem.get(item);
          if (list) list.push(value);
          else this.byItem.set(item, [value]);
        }
      }
    }
    const found = new Set<string>();
    for (const item of this.items.get(key) ?? []) for (const value of this.byItem.get(item) ?? []) found.add(value);
    return found;
  };

  private overlap(a: string, b: string) {
    const x = this.items.get(a);
    const y = this.items.get(b);
    if (!x || !y) throw new Error("A value was compared before its outcome was keyed.");
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        shared += 1;
        i += 1;
        j += 1;
      } else if (x[i]! < y[j]!) i += 1;
      else j += 1;
    }
    return { shared, left: x.length, right: y.length };
  }
}

/**
 * A label source's verdict as one more rater. LABELED → its classes. NONE_FIT (the study found no
 * fitting ImageNet class) → an outcome with no class, which `classSetKey` reads as "none".
 * NO_CONSENSUS (the study's own raters split) → ambiguous, the closest a decision comes to it.
 * PROBLEMATIC (unusable image) → no verdict: a decision has no such outcome to agree with.
 */
export function verdictOutcome(status: VerdictStatus, classes: readonly number[]): DecisionOutcome | null {
  const sorted = [...new Set(classes)].sort((a, b) => a - b);
  switch (status) {
    case "LABELED":
      return { classes: sorted, ambiguity: null, candidateClasses: [], outsideLabels: [] };
    case "NONE_FIT":
      return { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [] };
    case "NO_CONSENSUS":
      return { classes: [], ambiguity: "OTHER", candidateClasses: sorted, outsideLabels: [] };
    case "PROBLEMATIC":
      return null;
  }
}

/**
 * The value compared against a prior study: studies speak only of ImageNet classes, so an annotator's
 * outside labels are dropped (a decision naming only a "vole" agrees with a study's "none fit"), and
 * any ambiguous outcome is one value, whatever its reason or candidates.
 */
export function classSetKey(outcome: DecisionOutcome): string {
  if (outcome.ambiguity) return "ambiguous";
  return outcome.classes.length ? [...outcome.classes].sort((a, b) => a - b).join("|") : "none";
}
