import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { evaluateModels } from "@/lib/evaluation/load-evaluation";
import { seedCampaign, seedClasses, seedDataset, seedPredictions, seedUser, seedVerdicts } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

/*
 * Six images. Original: 1→10, 2→20, 3→30, 4→40, 5→620, 6→50. The model predicts 10, 21, 30, 99,
 * 681, 50 (top-1) with 20 second on image 2. ReaL says image 2 is {20, 21}, image 4 has no label.
 */
let slug: string;
let ids: number[];
let campaignId: number;

beforeAll(async () => {
  await seedClasses(db);
  const dataset = await seedDataset(db, 6);
  ids = dataset.imageIds;
  const { datasetId } = dataset;
  slug = (await db.dataset.findUniqueOrThrow({ where: { id: datasetId } })).slug;
  const [i1, i2, i3, i4, i5, i6] = ids as [number, number, number, number, number, number];
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", [[i1, [10]], [i2, [20]], [i3, [30]], [i4, [40]], [i5, [620]], [i6, [50]]]);
  await seedVerdicts(db, datasetId, "real", "STUDY", [[i1, [10]], [i2, [20, 21]], [i3, [31]], [i4, []], [i5, [620]], [i6, [50]]]);
  await seedVerdicts(db, datasetId, "multilabel", "STUDY", [
    [i1, [10], "LABELED", { unclearLabels: [] }],
    [i2, [20], "LABELED", { unclearLabels: [21] }],
    [i3, [], "PROBLEMATIC", { unclearLabels: [] }],
  ]);
  await seedVerdicts(db, datasetId, "consensus", "CONSENSUS", [[i1, [10]], [i2, [], "NO_CONSENSUS"]]);
  await seedPredictions(db, datasetId, "m", [[i1, [10, 11]], [i2, [21, 20]], [i3, [30]], [i4, [99]], [i5, [681]], [i6, [50]]]);
  // Near-synonyms (code 5) and a problematic group that is not a synonym (code 2).
  await db.classGroup.create({ data: { codes: [5], origin: "test", members: { create: [{ classIndex: 620 }, { classIndex: 681 }] } } });
  await db.classGroup.create({ data: { codes: [2], origin: "test", members: { create: [{ classIndex: 30 }, { classIndex: 31 }] } } });
  const annotator = await seedUser(db);
  campaignId = await seedCampaign(db, { datasetId, imageIds: ids, memberIds: [annotator.id] });
  await db.consensus.createMany({
    data: [
      { imageId: i1, campaignId, status: "AGREED", classes: [10], method: "unanimous" },
      { imageId: i2, campaignId, status: "RESOLVED", classes: [21], method: "reviewer" },
      { imageId: i3, campaignId, status: "AGREED", classes: [], ambiguity: "BLURRY", method: "unanimous" },
      { imageId: i4, campaignId, status: "EXCLUDED", classes: [], excludeReason: "drawing", method: "reviewer" },
      { imageId: i5, campaignId, status: "AGREED", classes: [], outsideLabels: ["vole"], method: "unanimous" },
      { imageId: i6, campaignId, status: "DISAGREED", classes: [], method: "majority:2" },
    ],
  });
  // Another dataset's rows must never leak in.
  const other = await seedDataset(db, 2);
  await seedVerdicts(db, other.datasetId, "original", "ORIGINAL", [[other.imageIds[0]!, [1]], [other.imageIds[1]!, [1]]]);
});

describe("evaluateModels on a real database", () => {
  it("scores every protocol the data supports, each with the images it counts and leaves out", async () => {
    const [m] = await evaluateModels(db, slug, { models: ["m"] });
    expect(Object.keys(m!.protocols)).toEqual(["original", "real", "multilabel", "consensus:consensus", `campaign:${campaignId}`]);
    const p = m!.protocols;
    // Top-1 right on images 1, 3, 6; top-5 also on image 2 (20 is second).
    expect(p.original).toMatchObject({ top1: 50, top5: 66.67, images: 6, leftOut: 0 });
    expect(p.real).toMatchObject({ top1: 60, images: 5, leftOut: 1, leftOutBy: { "no label fits": 1 } });
    expect(p.real!.top5).toBeUndefined();
    expect(p.multilabel).toMatchObject({ top1: 50, images: 2, leftOut: 1, leftOutBy: { problematic: 1 }, unclearTop1: 1 });
    expect(p["consensus:consensus"]).toMatchObject({ top1: 100, images: 1, leftOutBy: { "raters disagreed": 1 } });
    expect(p[`campaign:${campaignId}`]).toMatchObject({
      top1: 100,
      images: 2,
      leftOut: 4,
      leftOutBy: { ambiguous: 1, excluded: 1, "not in ImageNet": 1, "no consensus yet": 1 },
    });
  });

  it("merges near-synonyms, slices by problematic groups, and removes duplicates once they are recorded", async () => {
    const before = (await evaluateModels(db, slug, { models: ["model:m"], protocols: ["original"] }))[0]!.protocols.original!;
    // 681 for 620 now counts (image 5).
    expect(before.merged.top1).toBe(66.67);
    // Images 3 (class 30) and 5 (620) have their original label in a group.
    expect(before.problematicGroups).toMatchObject({ images: 2, top1: 50 });
    expect(before.otherImages).toMatchObject({ images: 4, top1: 50 });
    expect(before.duplicatesRemoved).toBeNull();

    const group = await db.duplicateGroup.create({ data: { datasetId: (await db.dataset.findUniqueOrThrow({ where: { slug } })).id, kind: "exact" } });
    await db.duplicateMember.createMany({ data: [{ groupId: group.id, imageId: ids[0]! }, { groupId: group.id, imageId: ids[1]! }] });
    const after = (await evaluateModels(db, slug, { models: ["m"], protocols: ["original"], merge: [[20, 21]] }))[0]!.protocols.original!;
    // × Val: image 2 (the later of the pair) is dropped: 3 of the remaining 5 right. No train copy: × Cross drops nothing.
    expect(after.duplicatesRemoved!.val).toMatchObject({ images: 5, top1: 60 });
    expect(after.duplicatesRemoved!.cross).toMatchObject({ images: 6, top1: 50 });
    expect(after.duplicatesRemoved!.valCross).toMatchObject({ images: 5, top1: 60 });
    // An admin's merge map replaces the near-synonym groups: 21 for 20 now counts, 681 for 620 no longer.
    expect(after.merged.top1).toBe(66.67);
    await db.duplicateGroup.delete({ where: { id: group.id } });
  });

  it("removes val images that are also in train under × Cross, and near-duplicates only under × All", async () => {
    const datasetId = (await db.dataset.findUniqueOrThrow({ where: { slug } })).id;
    const trainImage = await db.image.create({ data: { datasetId, fileKey: "n01440764_1.JPEG", split: "TRAIN", storagePath: "train/n01440764_1.JPEG" } });
    const exact = await db.duplicateGroup.create({ data: { datasetId, kind: "exact", members: { create: [{ imageId: ids[2]! }, { imageId: trainImage.id }] } } });
    const near = await db.duplicateGroup.create({ data: { datasetId, kind: "near", members: { create: [{ imageId: ids[4]! }, { imageId: ids[5]! }] } } });
    const result = (await evaluateModels(db, slug, { models: ["m"], protocols: ["original"] }))[0]!.protocols.original!;
    // × Cross drops image 3 (right): 2 of 5. × All also drops image 6 (right, the later of the near pair): 1 of 4.
    expect(result.duplicatesRemoved!.val).toMatchObject({ images: 6, top1: 50 });
    expect(result.duplicatesRemoved!.cross).toMatchObject({ images: 5, top1: 40 });
    expect(result.duplicatesRemoved!.all).toMatchObject({ images: 4, top1: 25 });
    await db.duplicateGroup.deleteMany({ where: { id: { in: [exact.id, near.id] } } });
    await db.image.delete({ where: { id: trainImage.id } });
  });

  it("shows no top-5 for a model whose file published only top-1", async () => {
    const datasetId = (await db.dataset.findUniqueOrThrow({ where: { slug } })).id;
    await seedPredictions(db, datasetId, "top1-only", [[ids[0]!, [10]], [ids[1]!, [20]]], 1);
    const [m] = await evaluateModels(db, slug, { models: ["top1-only"], protocols: ["original"] });
    expect(m).toMatchObject({ publishedK: 1, predictions: 2 });
    expect(m!.protocols.original).toMatchObject({ top1: 33.33, top5: null, images: 6 });
    const [full] = await evaluateModels(db, slug, { models: ["m"], protocols: ["original"] });
    expect(full!.publishedK).toBe(5);
    await db.labelSource.deleteMany({ where: { datasetId, name: "model:top1-only" } });
  });

  it("names the unknown model or protocol and what exists instead", async () => {
    await expect(evaluateModels(db, slug, { models: ["nope"] })).rejects.toThrow('Unknown model "nope". Models here: m.');
    await expect(evaluateModels(db, slug, { protocols: ["bogus"] })).rejects.toThrow(/Unknown protocol "bogus"\. Available here: original, real, multilabel/);
    await expect(evaluateModels(db, "no-such-dataset")).rejects.toThrow('No dataset "no-such-dataset"');
  });
});
