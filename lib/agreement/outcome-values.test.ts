import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, nominalDistance } from "@/lib/agreement/krippendorff";
import { classSetKey, OutcomeValues, verdictOutcome } from "@/lib/agreement/outcome-values";
import { jaccardDistance, masiDistance } from "@/lib/agreement/set-distances";
import type { DecisionOutcome } from "@/lib/decisions/outcome";

const outcome = (classes: number[], extra: Partial<DecisionOutcome> = {}): DecisionOutcome => ({ classes, ambiguity: null, candidateClasses: [], outsideLabels: [], ...extra });

describe("set-valued Krippendorff's α (hand-computed multilabel cases)", () => {
  // Two annotators, two images: image 1 {1,2} vs {1}, image 2 {3} vs {3}. n = 4 values, n_{1,2} = n_{1} = 1, n_{3} = 2.
  // Σ o δ = 2·δ({1,2},{1}); Σ n_c n_k δ = 2·δ({1,2},{1}) + 2·(1·2·1) + 2·(1·2·1); α = 1 − 3·Σoδ / Σnnδ.
  const values = new OutcomeValues();
  const units = [
    [values.key(outcome([1, 2])), values.key(outcome([1]))],
    [values.key(outcome([3])), values.key(outcome([3]))],
  ];

  it("nominal: δ = 1 → α = 1 − 3·2/10 = 0.4", () => {
    expect(krippendorffAlpha(units, nominalDistance).alpha).toBeCloseTo(0.4, 10);
  });

  it("Jaccard: δ = 1/2 → α = 1 − 3·1/9 = 2/3", () => {
    expect(krippendorffAlpha(units, values.jaccard).alpha).toBeCloseTo(2 / 3, 10);
  });

  it("MASI (Passonneau 2006): subset, δ = 1 − (1/2)(2/3) = 2/3 → α = 1 − 3·(4/3)/(28/3) = 4/7", () => {
    expect(krippendorffAlpha(units, values.masi).alpha).toBeCloseTo(4 / 7, 10);
  });

  it("the markers count as items: {1} and {1, ambiguous} are partly, not wholly, different", () => {
    const marked = new OutcomeValues();
    const a = marked.key(outcome([1]));
    const b = marked.key(outcome([1], { ambiguity: "BLURRY" }));
    expect(a).not.toBe(b);
    expect(marked.jaccard(a, b)).toBeCloseTo(0.5, 10);
    expect(marked.jaccard(a, marked.key(outcome([], { outsideLabels: ["vole"] })))).toBe(1);
  });

  it("gives the same distances as jaccardDistance and masiDistance on any two sets", () => {
    const items = fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 6 });
    fc.assert(
      fc.property(items, items, (left, right) => {
        const keyed = new OutcomeValues();
        const a = keyed.key(outcome(left.sort((x, y) => x - y)));
        const b = keyed.key(outcome(right.sort((x, y) => x - y)));
        const l = left.map(String);
        const r = right.map(String);
        expect(keyed.jaccard(a, b)).toBeCloseTo(jaccardDistance(l, r), 12);
        expect(keyed.masi(a, b)).toBeCloseTo(masiDistance(l, r), 12);
      }),
    );
  });
});

describe("α with `near` (only label sets sharing an item are visited)", () => {
  it("equals α computed over every pair of values, for nominal, Jaccard and MASI", () => {
    const decision = fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 3 });
    const unit = fc.array(decision, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 12 }), (raw) => {
        const keyed = new OutcomeValues();
        const units = raw.map((values) => values.map((classes) => keyed.key(outcome(classes.sort((x, y) => x - y)))));
        const close = (fast: number | null, slow: number | null) => (slow === null ? expect(fast).toBeNull() : expect(fast).toBeCloseTo(slow, 9));
        close(krippendorffAlpha(units, nominalDistance, () => []).alpha, krippendorffAlpha(units, nominalDistance).alpha);
        close(krippendorffAlpha(units, keyed.jaccard, keyed.near).alpha, krippendorffAlpha(units, keyed.jaccard).alpha);
        close(krippendorffAlpha(units, keyed.masi, keyed.near).alpha, krippendorffAlpha(units, keyed.masi).alpha);
      }),
    );
  });
});

describe("a source's verdict as a rater", () => {
  it("maps LABELED to its classes, NONE_FIT to none, NO_CONSENSUS to ambiguous and PROBLEMATIC to no verdict", () => {
    expect(classSetKey(verdictOutcome("LABELED", [7, 3, 7])!)).toBe("3|7");
    expect(classSetKey(verdictOutcome("NONE_FIT", [])!)).toBe("none");
    expect(classSetKey(verdictOutcome("NO_CONSENSUS", [1, 2])!)).toBe("ambiguous");
    expect(verdictOutcome("PROBLEMATIC", [1])).toBeNull();
  });

  it("compares decisions on ImageNet classes only: outside labels drop, any ambiguity is one value", () => {
    expect(classSetKey(outcome([], { outsideLabels: ["vole"] }))).toBe("none");
    expect(classSetKey(outcome([4], { outsideLabels: ["vole"] }))).toBe("4");
    expect(classSetKey(outcome([], { ambiguity: "TOO_FAR", candidateClasses: [1, 2] }))).toBe("ambiguous");
  });
});
