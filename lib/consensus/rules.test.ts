import { describe, expect, it } from "vitest";
import { computeConsensus, majority, pairwiseAgreement, statusOf, unanimous } from "@/lib/consensus/rules";
import type { DecisionOutcome } from "@/lib/decisions/outcome";

const o = (classes: number[], extra: Partial<DecisionOutcome> = {}): DecisionOutcome => ({ classes, ambiguity: null, candidateClasses: [], outsideLabels: [], ...extra });

describe("unanimous", () => {
  it("agrees only when every outcome is the same set", () => {
    expect(unanimous([o([2, 1]), o([1, 2])])).toEqual(o([1, 2]));
    expect(unanimous([o([1]), o([1, 2])])).toBeNull();
    expect(unanimous([o([1]), o([1], { outsideLabels: ["vole"] })])).toBeNull();
    expect(unanimous([])).toBeNull();
  });
});

describe("majority", () => {
  it("keeps each item at least q decisions include (default: more than half)", () => {
    expect(majority([o([1, 2]), o([1]), o([3])], null)).toEqual(o([1]));
    expect(majority([o([1, 2]), o([1, 2]), o([3])], 2)).toEqual(o([1, 2]));
    expect(majority([o([1]), o([2])], null)).toBeNull();
    expect(majority([o([1]), o([2]), o([3])], 1)).toEqual(o([1, 2, 3]));
  });

  it("votes ambiguous and outside labels like classes", () => {
    const ambiguous = (candidates: number[], reason: DecisionOutcome["ambiguity"] = "SEVERAL_CLASSES_POSSIBLE") => o([], { ambiguity: reason, candidateClasses: candidates });
    expect(majority([ambiguous([1, 2]), ambiguous([1, 2, 3]), o([1])], null)).toEqual(o([], { ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [1, 2] }));
    expect(majority([o([], { outsideLabels: ["vole"] }), o([], { outsideLabels: ["vole"] }), o([5])], null)).toEqual(o([], { outsideLabels: ["vole"] }));
    // One ambiguous vote of three is not a majority: the class wins alone.
    expect(majority([ambiguous([1, 2], "BLURRY"), o([1]), o([1])], null)).toEqual(o([1]));
  });
});

describe("pairwiseAgreement", () => {
  it("is 1 − mean pairwise Jaccard distance of the outcome items", () => {
    expect(pairwiseAgreement([o([1])])).toBeNull();
    expect(pairwiseAgreement([o([1]), o([1])])).toBe(1);
    expect(pairwiseAgreement([o([1]), o([2])])).toBe(0);
    // {1,2} vs {1}: 1/2; {1,2} vs {2}: 1/2; {1} vs {2}: 0 → mean similarity 1/3.
    expect(pairwiseAgreement([o([1, 2]), o([1]), o([2])])).toBeCloseTo(1 / 3);
    expect(pairwiseAgreement([o([1], { ambiguity: "BLURRY", candidateClasses: [1, 2] }), o([1])])).toBeCloseTo(0.5);
  });
});

describe("statusOf and computeConsensus", () => {
  it("goes unlabeled → in progress → agreed or disagreed", () => {
    expect(statusOf(0, 2, null)).toBe("UNLABELED");
    expect(statusOf(1, 2, o([1]))).toBe("IN_PROGRESS");
    expect(statusOf(2, 2, o([1]))).toBe("AGREED");
    expect(statusOf(2, 2, null)).toBe("DISAGREED");
  });

  it("names the method and keeps no outcome unless agreed", () => {
    expect(computeConsensus([o([1]), o([1])], { rule: "MAJORITY", quorum: 2, required: 2 })).toMatchObject({ status: "AGREED", method: "majority:2", outcome: o([1]), agreement: 1, decisionCount: 2 });
    expect(computeConsensus([o([1])], { rule: "UNANIMOUS", quorum: null, required: 2 })).toMatchObject({ status: "IN_PROGRESS", outcome: null, method: "unanimous" });
    expect(computeConsensus([o([1]), o([2])], { rule: "UNANIMOUS", quorum: null, required: 2 })).toMatchObject({ status: "DISAGREED", outcome: null, agreement: 0 });
  });
});
