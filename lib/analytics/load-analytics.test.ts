import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classConfirmation } from "@/lib/analytics/class-confirmation";
import { confusionMatrix } from "@/lib/analytics/confusion";
import { getCampaignThroughput } from "@/lib/analytics/load-throughput";
import { loadVerdicts } from "@/lib/analytics/load-verdicts";
import { getStudyOverlap } from "@/lib/analytics/study-overlap";
import { createDb } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedPredictions, seedUser, seedVerdicts } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

let datasetId: number;
let slug: string;
let ids: number[];

beforeAll(async () => {
  await seedClasses(db);
  const dataset = await seedDataset(db, 5);
  ({ datasetId, imageIds: ids } = dataset);
  slug = (await db.dataset.findUniqueOrThrow({ where: { id: datasetId } })).slug;
  const [i1, i2, i3, i4, i5] = ids as [number, number, number, number, number];
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", [[i1, [356]], [i2, [356]], [i3, [357]], [i4, [358]], [i5, [359]]]);
  // ReaL and multilabel agree on 1 and 2 (image 2 listed in another order), disagree on 3.
  await seedVerdicts(db, datasetId, "real", "STUDY", [[i1, [356]], [i2, [356, 357], "LABELED", { labelsInFileOrder: [357, 356] }], [i3, [357]], [i4, [358]], [i5, []]]);
  await seedVerdicts(db, datasetId, "multilabel", "STUDY", [
    [i1, [356], "LABELED", { proposedLabelsText: "356" }],
    [i2, [356, 357], "LABELED", { proposedLabelsText: "356, 357" }],
    [i3, [358], "LABELED", { proposedLabelsText: "358" }],
  ]);
  const experts = await db.labelSource.create({ data: { datasetId, name: "experts", kind: "EXPERT", title: "Experts" } });
  await db.decision.createMany({
    data: [
      { imageId: i1, sourceId: experts.id, classes: [356] },
      { imageId: i2, sourceId: experts.id, classes: [], outsideLabels: ["tayra"] },
      { imageId: i3, sourceId: experts.id, classes: [], ambiguity: "BLURRY", candidateClasses: [356, 357] },
      { imageId: i5, sourceId: experts.id, classes: [], outsideLabels: ["domestic ferret"] },
    ],
  });
  await seedPredictions(db, datasetId, "m", [[i1, [356]], [i2, [357]], [i3, [357]], [i4, [1]], [i5, [359]]]);
});

describe("analytics reads", () => {
  it("reads an expert file's decisions as the blog's per-class table", async () => {
    const rows = classConfirmation(await loadVerdicts(db, datasetId, "experts", [356, 357, 358, 359]), [356, 357, 358, 359]);
    expect(rows.map((r) => [r.class, r.images, r.confirmed, r.ambiguous, r.notInImagenet])).toEqual([
      [356, 2, 1, 0, { tayra: 1 }],
      [357, 1, 0, 1, {}],
      [358, 0, 0, 0, {}],
      [359, 1, 0, 0, { "domestic ferret": 1 }],
    ]);
  });

  it("reads a model's top-1 for the confusion matrix against the original label", async () => {
    const matrix = confusionMatrix(await loadVerdicts(db, datasetId, "model:m", [356, 357]), [356, 357]);
    expect(matrix.rows.map((r) => [r.class, r.total, r.counts["356"], r.counts["357"]])).toEqual([
      [356, 2, 1, 1],
      [357, 1, 0, 1],
    ]);
  });

  it("names the unknown source and lists what exists", async () => {
    await expect(loadVerdicts(db, datasetId, "nope")).rejects.toThrow(/Unknown source "nope"\. Sources here: experts, model:m, multilabel, original, real/);
    await expect(loadVerdicts(db, datasetId, "campaign:999999")).rejects.toThrow("No campaign 999999 in this dataset.");
  });

  it("compares the covering studies as sets and as ordered strings", async () => {
    const overlap = (await getStudyOverlap(db, slug))!;
    expect(overlap.atLeast2).toBe(3);
    expect(overlap.coveredBy).toEqual([
      { studies: 1, images: 2 },
      { studies: 2, images: 3 },
      { studies: 3, images: 0 },
      { studies: 4, images: 0 },
    ]);
    // Sets: images 1 and 2 agree. Strings: "357,356" ≠ "356,357", so only image 1.
    expect(overlap.asSets).toMatchObject({ identical: 2, identicalLabeled: 2, originalConfirmed: 1, originalConfirmedPct: 50 });
    expect(overlap.asStrings).toMatchObject({ identical: 1, identicalLabeled: 1, originalConfirmed: 1, originalConfirmedPct: 100 });
  });

  it("measures campaign throughput from decisions", async () => {
    const [a, b] = [await seedUser(db), await seedUser(db)];
    const campaignId = await seedCampaign(db, { datasetId, imageIds: ids.slice(0, 2), memberIds: [a.id, b.id], annotatorsPerImage: 1 });
    const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 9, minutes));
    await db.decision.createMany({
      data: [
        { imageId: ids[0]!, campaignId, userId: a.id, classes: [356], timeSpentMs: 4000, createdAt: at(10) },
        { imageId: ids[1]!, campaignId, userId: b.id, classes: [356], timeSpentMs: 8000, createdAt: at(75) },
      ],
    });
    const [throughput] = await getCampaignThroughput(db, datasetId);
    expect(throughput).toMatchObject({ campaignId, images: 2, decisions: 2, medianSeconds: 6 });
    expect(throughput!.annotators.map((x) => [x.userId, x.imagesPerHour, x.medianSeconds])).toEqual([
      [a.id, 900, 4],
      [b.id, 450, 8],
    ]);
    expect(throughput!.burnDown).toEqual([
      { at: "2026-06-01T09:00:00.000Z", remaining: 2 },
      { at: "2026-06-01T10:00:00.000Z", remaining: 1 },
      { at: "2026-06-01T11:00:00.000Z", remaining: 0 },
    ]);
  });
});
