import { describe, expect, it } from "vitest";
import { type AnnotatorDecision, computeAgreementReport } from "@/lib/agreement/campaign-report";
import { verdictOutcome } from "@/lib/agreement/outcome-values";
import type { DecisionOutcome } from "@/lib/decisions/outcome";

const set = (...classes: number[]): DecisionOutcome => ({ classes, ambiguity: null, candidateClasses: [], outsideLabels: [] });
const blurry: DecisionOutcome = { classes: [], ambiguity: "BLURRY", candidateClasses: [3, 4], outsideLabels: [] };
const decide = (imageId: number, annotator: string, outcome: DecisionOutcome): AnnotatorDecision => ({ imageId, annotator, outcome });

// Hand-computed case, three annotators, k = 3:
// image 1: a {1}, b {1}, c {1} · image 2: a {1,2}, b {1}, c {2} · image 3: a {3}, b {3}, c ambiguous
// image 4: a {5}, b {5} (c missing) · image 5: a {5} alone (not pairable).
const decisions = [
  decide(1, "a", set(1)), decide(1, "b", set(1)), decide(1, "c", set(1)),
  decide(2, "a", set(1, 2)), decide(2, "b", set(1)), decide(2, "c", set(2)),
  decide(3, "a", set(3)), decide(3, "b", set(3)), decide(3, "c", blurry),
  decide(4, "a", set(5)), decide(4, "b", set(5)),
  decide(5, "a", set(5)),
];
const real = new Map([
  [1, verdictOutcome("LABELED", [1])!],
  [2, verdictOutcome("LABELED", [2, 1])!],
  [3, verdictOutcome("NO_CONSENSUS", [3, 4])!],
  [4, verdictOutcome("NONE_FIT", [])!],
]);
const input = {
  campaign: 7,
  annotatorsPerImage: 3,
  decisions,
  consensus: new Map([[1, set(1)], [2, set(1)]]),
  sources: [{ name: "real", verdicts: real }],
  classNames: new Map([[1, "tench"], [2, "goldfish"]]),
  groups: [{ id: 9, classes: [1, 2] }],
};

describe("a campaign's agreement report (hand-computed)", () => {
  const report = computeAgreementReport(input);

  it("counts the pairable images and every decision", () => {
    expect(report).toMatchObject({ campaign: 7, images: 4, decisions: 12, annotators: ["a", "b", "c"] });
  });

  it("percent agreement: (1 + 0 + 1/3 + 1) / 4", () => {
    expect(report.percentAgreement).toBeCloseTo(7 / 12, 10);
  });

  it("Cohen's κ per pair on the images both labeled, and Light's mean", () => {
    const [ab, ac, bc] = report.cohenKappa.pairs;
    expect(ab).toMatchObject({ a: "a", b: "b", n: 4 });
    expect(ab!.kappa).toBeCloseTo(2 / 3, 10);
    expect(ac).toMatchObject({ a: "a", b: "c", n: 3 });
    expect(ac!.kappa).toBeCloseTo(1 / 4, 10);
    expect(bc!.kappa).toBeCloseTo(1 / 7, 10);
    expect(report.cohenKappa.mean).toBeCloseTo(89 / 252, 10);
  });

  it("Fleiss' κ over the 3 images with exactly 3 decisions: (4/9 − 23/81) / (1 − 23/81)", () => {
    expect(report.fleissKappa).toMatchObject({ k: 3, n: 3 });
    expect(report.fleissKappa.kappa).toBeCloseTo(13 / 58, 10);
  });

  it("Krippendorff's α over 11 pairable values: nominal 22/47, Jaccard 49/89, MASI 71/136", () => {
    expect(report.krippendorffAlpha.n).toBe(11);
    expect(report.krippendorffAlpha.nominal).toBeCloseTo(22 / 47, 10);
    expect(report.krippendorffAlpha.jaccard).toBeCloseTo(49 / 89, 10);
    expect(report.krippendorffAlpha.masi).toBeCloseTo(71 / 136, 10);
  });

  it("per class and per class group, present/absent", () => {
    const tench = report.perClass.find((row) => row.kind === "class" && row.id === 1)!;
    expect(tench).toMatchObject({ label: "tench", images: 2, decisions: 5 });
    expect(tench.agreement).toBeCloseTo(2 / 3, 10);
    expect(tench.kappa).toBeCloseTo(239 / 360, 10);
    // A decision naming either fish has the group: all six decisions on images 1 and 2 agree.
    const fishes = report.perClass.find((row) => row.kind === "group")!;
    expect(fishes).toMatchObject({ id: 9, label: "tench / goldfish", classes: [1, 2], images: 2, decisions: 6, agreement: 1, kappa: 1 });
    expect(report.perClass.find((row) => row.kind === "class" && row.id === 5)).toMatchObject({ label: "class 5", images: 1, agreement: 1 });
  });

  it("each annotator against the consensus and against a study treated as one more rater", () => {
    const [a, b, c] = report.perAnnotator;
    expect(a).toMatchObject({ annotator: "a", n: 5, vsConsensus: { n: 2, agreement: 0.5, kappa: 0 } });
    expect(b!.vsConsensus).toEqual({ n: 2, agreement: 1, kappa: null });
    // a against ReaL: images 1–4 (image 5 has no verdict); {3} vs NO_CONSENSUS and {5} vs NONE_FIT disagree.
    expect(a!.vsSources.real!.n).toBe(4);
    expect(a!.vsSources.real!.kappa).toBeCloseTo(3 / 7, 10);
    expect(c!.vsSources.real!.kappa).toBeCloseTo(4 / 7, 10);
  });

  it("says there is no consensus yet (null) rather than comparing against nothing", () => {
    const without = computeAgreementReport({ ...input, consensus: new Map() });
    expect(without.perAnnotator.every((row) => row.vsConsensus === null)).toBe(true);
  });

  it("is empty, not wrong, with fewer than two decisions per image", () => {
    const lonely = computeAgreementReport({ ...input, decisions: [decide(1, "a", set(1)), decide(2, "b", set(2))] });
    expect(lonely).toMatchObject({ images: 0, decisions: 2, percentAgreement: null, cohenKappa: { mean: null, pairs: [] }, fleissKappa: { n: 0, kappa: null } });
    expect(lonely.krippendorffAlpha).toEqual({ n: 0, nominal: null, masi: null, jaccard: null });
    expect(lonely.perClass).toEqual([]);
  });
});
