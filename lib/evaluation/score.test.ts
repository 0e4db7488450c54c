import { describe, expect, it } from "vitest";
import { evaluateModel, ranksByProtocol } from "@/lib/evaluation/evaluate-model";
import { cleanSetTruth, consensusTruth, multilabelTruth, originalTruth, realTruth } from "@/lib/evaluation/protocols";
import { mergeClasses, score, type Truth } from "@/lib/evaluation/score";

const image = (imageId: number, predicted: number[], truth: Truth) => ({ imageId, predicted, truth });

describe("score", () => {
  it("counts top-1 and top-5 against the accepted set and reports the images it counts", () => {
    const figure = score(
      [image(1, [3, 4], { accepted: [3] }), image(2, [5, 3], { accepted: [3] }), image(3, [7, 8, 9, 10, 11, 3], { accepted: [3] }), image(4, [1], { accepted: [1, 2] })],
      { top5: true },
    );
    expect(figure).toEqual({ top1: 50, top5: 75, images: 4, leftOut: 0, leftOutBy: {} });
  });

  it("leaves out images with a reason, counts them by reason, and gives null with nothing to count", () => {
    const figure = score([image(1, [3], { leftOut: "no label fits" }), image(2, [3], { leftOut: "no label fits" }), image(3, [3], { leftOut: "problematic" })]);
    expect(figure).toEqual({ top1: null, images: 0, leftOut: 3, leftOutBy: { "no label fits": 2, problematic: 1 } });
  });

  it("counts a missing prediction as wrong and rounds to two decimals", () => {
    expect(score([image(1, [], { accepted: [1] }), image(2, [1], { accepted: [1] }), image(3, [1], { accepted: [1] })]).top1).toBe(66.67);
  });

  it("credits a prediction of either member of a merged group", () => {
    const merge = mergeClasses([[620, 681]]);
    expect(score([image(1, [681], { accepted: [620] })]).top1).toBe(0);
    expect(score([image(1, [681], { accepted: [620] })], { merge }).top1).toBe(100);
  });

  it("counts unclear top-1 predictions apart, never as correct", () => {
    const figure = score([image(1, [9], { accepted: [1], unclear: [9] }), image(2, [1], { accepted: [1], unclear: [9] }), image(3, [5], { accepted: [1], unclear: [9] })]);
    expect(figure).toMatchObject({ top1: 33.33, images: 3, unclearTop1: 1 });
  });
});

describe("mergeClasses", () => {
  it("maps every member of a group to its smallest class and joins groups that share a class", () => {
    const merge = mergeClasses([[5, 3], [3, 9], [20, 21], [40]]);
    expect(Object.fromEntries(merge)).toEqual({ 5: 3, 9: 3, 21: 20 });
  });
});

describe("protocols", () => {
  it("original and ReaL accept the stored set; an empty ReaL set is left out", () => {
    expect(originalTruth({ status: "LABELED", classes: [7] })).toEqual({ accepted: [7] });
    expect(realTruth({ status: "LABELED", classes: [1, 2] })).toEqual({ accepted: [1, 2] });
    expect(realTruth({ status: "NONE_FIT", classes: [] })).toEqual({ leftOut: "no label fits" });
    expect(cleanSetTruth({ status: "LABELED", classes: [] })).toEqual({ leftOut: "no label fits" });
  });

  it("multilabel excludes problematic images and carries the unclear labels", () => {
    expect(multilabelTruth({ status: "PROBLEMATIC", classes: [], unclear: [4] })).toEqual({ leftOut: "problematic" });
    expect(multilabelTruth({ status: "LABELED", classes: [1, 2], unclear: [4] })).toEqual({ accepted: [1, 2], unclear: [4] });
    expect(multilabelTruth({ status: "NO_CONSENSUS", classes: [] })).toEqual({ leftOut: "raters disagreed" });
  });

  it("a consensus counts only agreed or resolved class sets; ambiguous, excluded, outside-ImageNet and undecided are left out", () => {
    const base = { classes: [3], ambiguous: false, outsideLabels: [] };
    expect(consensusTruth({ ...base, status: "AGREED" })).toEqual({ accepted: [3] });
    expect(consensusTruth({ ...base, status: "RESOLVED" })).toEqual({ accepted: [3] });
    expect(consensusTruth({ ...base, status: "AGREED", ambiguous: true })).toEqual({ leftOut: "ambiguous" });
    expect(consensusTruth({ ...base, status: "EXCLUDED" })).toEqual({ leftOut: "excluded" });
    expect(consensusTruth({ ...base, status: "AGREED", classes: [], outsideLabels: ["vole"] })).toEqual({ leftOut: "not in ImageNet" });
    expect(consensusTruth({ ...base, status: "DISAGREED" })).toEqual({ leftOut: "no consensus yet" });
    expect(consensusTruth({ ...base, status: "IN_PROGRESS" })).toEqual({ leftOut: "no consensus yet" });
  });
});

describe("evaluateModel", () => {
  const truths = new Map<number, Truth>([
    [1, { accepted: [620] }],
    [2, { accepted: [1] }],
    [3, { accepted: [2] }],
    [4, { leftOut: "no label fits" }],
  ]);
  const predictions = new Map([
    [1, [681, 620]],
    [2, [1]],
    [3, [5]],
    [4, [1]],
  ]);

  it("slices by problematic groups, merges near-synonyms and removes duplicates", () => {
    const [result] = evaluateModel(predictions, [{ protocol: "original", title: "Original", top5: true, truths }], {
      problematic: new Set([1]),
      duplicates: { val: new Set([3]), cross: new Set([1]), valCross: new Set([1, 3]), all: new Set([1, 2, 3]) },
      merge: mergeClasses([[620, 681]]),
    });
    expect(result).toMatchObject({ protocol: "original", top1: 33.33, top5: 66.67, images: 3, leftOut: 1 });
    expect(result!.merged).toMatchObject({ top1: 66.67, images: 3 });
    expect(result!.problematicGroups).toMatchObject({ top1: 0, top5: 100, images: 1, leftOut: 0 });
    expect(result!.otherImages).toMatchObject({ top1: 50, images: 2, leftOut: 1 });
    expect(result!.duplicatesRemoved!.val).toMatchObject({ top1: 50, images: 2 });
    expect(result!.duplicatesRemoved!.cross).toMatchObject({ top1: 50, images: 2 });
    expect(result!.duplicatesRemoved!.valCross).toMatchObject({ top1: 100, images: 1, leftOut: 1 });
    expect(result!.duplicatesRemoved!.all).toMatchObject({ top1: null, images: 0, leftOut: 1 });
  });

  it("gives no top-5 for a model that published fewer than five predictions per image", () => {
    const protocols = [{ protocol: "original", title: "Original", top5: true, truths }];
    const slices = { problematic: new Set<number>(), duplicates: null, merge: new Map() };
    const topOne = new Map([[1, [620]], [2, [7]], [3, [2]]]);
    const [published1] = evaluateModel(topOne, protocols, slices, { publishedK: 1 });
    expect(published1).toMatchObject({ top1: 66.67, top5: null, images: 3 });
    expect(published1!.merged.top5).toBeNull();
    // The same rows from a top-5 file do have a top-5 (here equal to top-1, as the rows hold one class).
    const [published5] = evaluateModel(topOne, protocols, slices, { publishedK: 5 });
    expect(published5!.top5).toBe(66.67);
    const [published3] = evaluateModel(predictions, protocols, slices, { publishedK: 3 });
    expect(published3!.top5).toBeNull();
  });

  it("gives no duplicate-free figure while no duplicates are recorded", () => {
    const [result] = evaluateModel(predictions, [{ protocol: "real", title: "ReaL", top5: false, truths }], { problematic: new Set(), duplicates: null, merge: new Map() });
    expect(result!.duplicatesRemoved).toBeNull();
    expect(result!.top5).toBeUndefined();
  });
});

describe("ranksByProtocol", () => {
  it("ranks models per protocol with shared ranks for ties and null where a model has no figure", () => {
    const ranks = ranksByProtocol([
      { model: "a", results: [{ protocol: "original", top1: 70 }, { protocol: "real", top1: 80 }] },
      { model: "b", results: [{ protocol: "original", top1: 75 }, { protocol: "real", top1: 80 }] },
      { model: "c", results: [{ protocol: "original", top1: 60 }, { protocol: "real", top1: null }] },
    ]);
    expect(ranks).toEqual({ original: { a: 2, b: 1, c: 3 }, real: { a: 1, b: 1, c: null } });
  });
});
