import { describe, expect, it } from "vitest";
import { mergeCandidates } from "@/lib/labeling/candidates";
import type { ImageHintView, ModelPrediction, SourceVerdict } from "@/lib/labeling/types";

const original = (classes: number[]): SourceVerdict => ({
  source: "original",
  title: "Original ImageNet label",
  kind: "ORIGINAL",
  status: "LABELED",
  classes,
  votes: null,
  details: null,
});
const study = (source: string, classes: number[], status: SourceVerdict["status"] = "LABELED"): SourceVerdict => ({
  source,
  title: source.toUpperCase(),
  kind: "STUDY",
  status,
  classes,
  votes: null,
  details: null,
});
const model = (source: string, classes: number[], scores: number[] = []): ModelPrediction => ({
  source,
  title: source,
  classes,
  scores,
});

describe("mergeCandidates", () => {
  it("lists each class once with a badge per proposing source", () => {
    const result = mergeCandidates(
      [original([281]), study("real", [281, 282]), study("multilabel", [282])],
      [model("resnet50", [282, 281, 285], [0.6, 0.3, 0.05])],
      [],
    );
    expect(result.map((c) => c.classIndex)).toEqual([281, 282, 285]);
    expect(result[0]!.badges.map((b) => b.source)).toEqual(["original", "real", "resnet50"]);
    expect(result[1]!.badges.map((b) => b.source)).toEqual(["real", "multilabel", "resnet50"]);
    expect(result[1]!.badges[2]).toMatchObject({ kind: "MODEL", rank: 1, score: 0.6 });
  });

  it("orders original first, then by study count, then by best model rank", () => {
    const result = mergeCandidates(
      [original([10]), study("a", [30]), study("b", [20, 30]), study("c", [20, 30])],
      [model("m1", [40, 50, 20]), model("m2", [60, 50])],
      [],
    );
    // 10 original; 30 (3 studies); 20 (2 studies); then 40 (rank 1), 60 (rank 1, later), 50 (rank 2)
    expect(result.map((c) => c.classIndex)).toEqual([10, 30, 20, 40, 60, 50]);
  });

  it("breaks equal ranks by score", () => {
    const result = mergeCandidates([], [model("m1", [1], [0.2]), model("m2", [2], [0.9])], []);
    expect(result.map((c) => c.classIndex)).toEqual([2, 1]);
  });

  it("sorts model badges by rank then score", () => {
    const result = mergeCandidates([], [model("weak", [5, 7]), model("strong", [7, 5], [0.8, 0.1])], []);
    const seven = result.find((c) => c.classIndex === 7)!;
    expect(seven.badges.map((b) => b.source)).toEqual(["strong", "weak"]);
  });

  it("does not promote the original label when originalFirst is false", () => {
    const result = mergeCandidates([original([10]), study("a", [30])], [model("m", [30, 10])], [], false);
    expect(result.map((c) => c.classIndex)).toEqual([30, 10]);
    expect(result[1]!.badges[0]!.kind).toBe("ORIGINAL");
  });

  it("keeps classes from non-LABELED verdicts and ignores empty ones", () => {
    const result = mergeCandidates(
      [original([3]), study("cleanlab", [3, 9], "NO_CONSENSUS"), study("real", [], "NONE_FIT")],
      [],
      [],
    );
    expect(result.map((c) => c.classIndex)).toEqual([3, 9]);
    expect(result.flatMap((c) => c.badges.map((b) => b.source))).not.toContain("real");
  });

  it("treats hints as top-1 model proposals and MODEL verdicts as ranked lists", () => {
    const hint: ImageHintView = {
      source: "vit3b-mistakes",
      title: "ViT-3B remaining mistake",
      classIndex: 77,
      category: "Fine-grained error",
      severity: "minor",
    };
    const argmax: SourceVerdict = { ...study("cleanlab-argmax", [88]), kind: "MODEL" };
    const result = mergeCandidates([argmax], [model("m", [99, 77])], [hint, { ...hint, classIndex: null }]);
    expect(result.map((c) => c.classIndex)).toEqual([88, 99, 77]);
    expect(result.find((c) => c.classIndex === 77)!.badges.map((b) => [b.source, b.rank])).toEqual([
      ["vit3b-mistakes", 1],
      ["m", 2],
    ]);
  });

  it("keeps one badge per source, with its best rank, and skips invalid indices", () => {
    const result = mergeCandidates([], [model("m", [4, -1, 4, 1.5])], []);
    expect(result).toEqual([{ classIndex: 4, badges: [{ source: "m", title: "m", kind: "MODEL", rank: 1 }] }]);
  });

  it("returns an empty list for a blind item", () => {
    expect(mergeCandidates([], [], [])).toEqual([]);
  });
});
