import { describe, expect, it } from "vitest";
import { classConfirmation, groupConfirmation, type ImageVerdict } from "@/lib/analytics/class-confirmation";
import { confusionMatrix } from "@/lib/analytics/confusion";
import { agreement, exactlyCovered } from "@/lib/analytics/study-overlap";
import { annotatorThroughput, burnDown, median } from "@/lib/analytics/throughput";

const v = (original: number, classes: number[], extra: Partial<ImageVerdict> = {}): ImageVerdict => ({ original, classes, ambiguous: false, outsideLabels: [], ...extra });

describe("classConfirmation", () => {
  const verdicts = [
    v(356, [356]),
    v(356, [356]),
    v(356, [358]),
    v(356, [], { outsideLabels: ["tayra"] }),
    v(356, [356, 357]),
    v(356, [356], { outsideLabels: ["vole"] }),
    v(356, [], { ambiguous: true }),
    v(356, [], { unusable: true }),
    v(357, [357]),
    v(400, [400]),
  ];

  it("puts each image in exactly one bucket and names the other classes and outside labels", () => {
    const rows = classConfirmation(verdicts, [356, 357, 359]);
    expect(rows).toEqual([
      { class: 356, images: 8, confirmed: 2, confirmedPct: 25, becameOther: { 358: 1 }, multilabel: 2, ambiguous: 1, notInImagenet: { tayra: 1 }, unusable: 1 },
      { class: 357, images: 1, confirmed: 1, confirmedPct: 100, becameOther: {}, multilabel: 0, ambiguous: 0, notInImagenet: {}, unusable: 0 },
      { class: 359, images: 0, confirmed: 0, confirmedPct: null, becameOther: {}, multilabel: 0, ambiguous: 0, notInImagenet: {}, unusable: 0 },
    ]);
  });

  it("without a class list reports every class seen; groups sum their members", () => {
    const rows = classConfirmation(verdicts);
    expect(rows.map((r) => r.class)).toEqual([356, 357, 400]);
    const [group] = groupConfirmation(rows, [{ id: 1, codes: [2], classes: [356, 357] }]);
    expect(group).toMatchObject({ images: 9, confirmed: 3, confirmedPct: 33.33, becameOther: 1, multilabel: 2, ambiguous: 1, notInImagenet: 1, unusable: 1 });
  });
});

describe("confusionMatrix", () => {
  it("counts each original class against the chosen classes and the other buckets, with row percentages", () => {
    const m = confusionMatrix([v(281, [281]), v(281, [282]), v(281, [282]), v(281, [5]), v(282, [281, 282]), v(282, [], { ambiguous: true }), v(292, [])], [281, 282, 292]);
    expect(m.columns).toEqual(["281", "282", "292", "other class", "several", "ambiguous", "not in ImageNet", "no verdict"]);
    expect(m.rows[0]).toMatchObject({ class: 281, total: 4, counts: { 281: 1, 282: 2, "other class": 1 }, percents: { 281: 25, 282: 50, "other class": 25, several: 0 } });
    expect(m.rows[1]).toMatchObject({ total: 2, counts: { several: 1, ambiguous: 1 } });
    expect(m.rows[2]).toMatchObject({ total: 1, counts: { "no verdict": 1 }, percents: { "no verdict": 100 } });
  });
});

describe("overlap figures", () => {
  it("derives exactly-k coverage from at-least-k counts", () => {
    expect(exactlyCovered({ atLeast1: 100, atLeast2: 40, atLeast3: 10, atLeast4: 1 })).toEqual([
      { studies: 1, images: 60 },
      { studies: 2, images: 30 },
      { studies: 3, images: 9 },
      { studies: 4, images: 1 },
    ]);
  });

  it("states agreement as shares of the covered images, of all images, and confirmed among the labeled", () => {
    expect(agreement({ identical: 30, identicalLabeled: 25, originalConfirmed: 20 }, 60, 200)).toEqual({
      identical: 30,
      identicalLabeled: 25,
      originalConfirmed: 20,
      identicalPctOfCovered: 50,
      identicalPctOfImages: 15,
      originalConfirmedPct: 80,
    });
  });
});

describe("throughput", () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 10, minutes));

  it("gives images per hour of labeling time and the median seconds per image per annotator", () => {
    const rows = annotatorThroughput([
      { userId: 1, imageId: 1, createdAt: at(0), timeSpentMs: 10_000 },
      { userId: 1, imageId: 2, createdAt: at(1), timeSpentMs: 20_000 },
      { userId: 1, imageId: 3, createdAt: at(2), timeSpentMs: 30_000 },
      { userId: 2, imageId: 1, createdAt: at(3), timeSpentMs: null },
    ]);
    expect(rows).toEqual([
      { userId: 1, decisions: 3, imagesPerHour: 180, medianSeconds: 20 },
      { userId: 2, decisions: 1, imagesPerHour: null, medianSeconds: null },
    ]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("burns the queue down by the hour, counting an image done at its last required decision", () => {
    const points = burnDown(3, [
      { imageId: 1, createdAt: at(5) },
      { imageId: 1, createdAt: at(50) },
      { imageId: 2, createdAt: at(70) },
      { imageId: 2, createdAt: at(130) },
    ], 2);
    expect(points).toEqual([
      { at: "2026-01-01T10:00:00.000Z", remaining: 3 },
      { at: "2026-01-01T11:00:00.000Z", remaining: 2 },
      { at: "2026-01-01T12:00:00.000Z", remaining: 2 },
      { at: "2026-01-01T13:00:00.000Z", remaining: 1 },
    ]);
    expect(burnDown(3, [], 1)).toEqual([]);
  });
});
