import { describe, expect, it } from "vitest";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { goldCount, scoreGold, shouldPause } from "@/lib/gold/score";

const set = (...classes: number[]): DecisionOutcome => ({ classes, ambiguity: null, candidateClasses: [], outsideLabels: [] });

describe("scoreGold", () => {
  it("counts exact outcomes and averages Jaccard similarity per annotator, listing the misses worst first", () => {
    const scores = scoreGold([
      { imageId: 1, fileKey: "a", annotator: 7, answer: set(1, 2), gold: set(2, 1) },
      { imageId: 2, fileKey: "b", annotator: 7, answer: set(3), gold: set(3, 4) },
      { imageId: 3, fileKey: "c", annotator: 7, answer: set(9), gold: set(5) },
      { imageId: 1, fileKey: "a", annotator: 8, answer: set(1, 2), gold: set(1, 2) },
    ]);
    const seven = scores.get(7)!;
    expect(seven).toMatchObject({ answers: 3, exact: 1 / 3 });
    // Similarities 1, 1/2 and 0.
    expect(seven.jaccard).toBeCloseTo(0.5);
    expect(seven.missed.map((miss) => miss.fileKey)).toEqual(["c", "b"]);
    expect(scores.get(8)).toMatchObject({ answers: 1, exact: 1, jaccard: 1, missed: [] });
  });

  it("treats the ambiguous marker as part of the outcome, as the consensus does", () => {
    const ambiguous: DecisionOutcome = { classes: [1], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [], outsideLabels: [] };
    const score = scoreGold([{ imageId: 1, fileKey: "a", annotator: 1, answer: set(1), gold: ambiguous }]).get(1)!;
    expect(score.exact).toBe(0);
    expect(score.jaccard).toBeCloseTo(0.5);
  });
});

describe("shouldPause", () => {
  const rule = { pauseBelow: 0.6, minAnswers: 3 };
  it("waits for the minimum number of gold answers, then pauses only below the threshold", () => {
    expect(shouldPause({ answers: 2, jaccard: 0 }, rule)).toBe(false);
    expect(shouldPause({ answers: 3, jaccard: 0.59 }, rule)).toBe(true);
    expect(shouldPause({ answers: 3, jaccard: 0.6 }, rule)).toBe(false);
    expect(shouldPause({ answers: 10, jaccard: 0 }, { pauseBelow: null, minAnswers: 1 })).toBe(false);
  });
});

describe("goldCount", () => {
  it("makes gold the given share of the whole queue, at least one, never more than exist", () => {
    expect(goldCount(90, 0.1, 100)).toBe(10);
    expect(goldCount(4, 0.1, 100)).toBe(1);
    expect(goldCount(90, 0.1, 3)).toBe(3);
    expect(goldCount(90, 0, 100)).toBe(0);
  });
});
