import { describe, expect, it } from "vitest";
import { MAX_SCORE, suspectScore, type SuspectEvidence } from "@/lib/suspects/score";

const clean: SuspectEvidence = {
  original: [5],
  studies: [{ status: "LABELED", classes: [5] }, { status: "LABELED", classes: [5] }],
  models: [{ classes: [5, 6], scores: [0.9, 0.05] }, { classes: [5], scores: [] }],
  inProblematicClassGroup: false,
  inConflictingDuplicateGroup: false,
};

describe("suspectScore", () => {
  it("is near zero when studies and models confirm the original label", () => {
    const { score, parts } = suspectScore(clean);
    expect(parts).toEqual({ absent: 0, disagree: 0, models: 0, confidence: 0.1, classGroup: 0, duplicate: 0 });
    expect(score).toBe(0.1);
  });

  it("adds each kind of evidence as its own weighted part", () => {
    const { score, parts } = suspectScore({
      original: [5],
      // One study leaves 5 out, one has no consensus, one keeps it alongside 7.
      studies: [{ status: "LABELED", classes: [7] }, { status: "NO_CONSENSUS", classes: [] }, { status: "LABELED", classes: [5, 7] }],
      // Two of three models agree on 7; the third keeps 5; the scored one gives 5 nothing (outside its top-k).
      models: [{ classes: [7, 8], scores: [0.8, 0.1] }, { classes: [7], scores: [] }, { classes: [5], scores: [] }],
      inProblematicClassGroup: true,
      inConflictingDuplicateGroup: true,
    });
    expect(parts).toEqual({ absent: 1.5, disagree: 0.5, models: 1.333, confidence: 1, classGroup: 0.5, duplicate: 1 });
    expect(score).toBe(5.833);
  });

  it("reaches its maximum when everything points away from the original label", () => {
    const { score } = suspectScore({
      original: [1],
      studies: [{ status: "LABELED", classes: [2] }, { status: "LABELED", classes: [3] }],
      models: [{ classes: [4], scores: [1] }, { classes: [4], scores: [1] }],
      inProblematicClassGroup: true,
      inConflictingDuplicateGroup: true,
    });
    expect(score).toBe(MAX_SCORE);
  });

  it("scores nothing it has no evidence for", () => {
    expect(suspectScore({ original: [], studies: [], models: [], inProblematicClassGroup: false, inConflictingDuplicateGroup: false }).score).toBe(0);
  });
});
