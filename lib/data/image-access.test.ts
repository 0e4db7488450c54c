import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNextImage } from "@/lib/campaigns/queue";
import { listClassExamples } from "@/lib/data/class-examples";
import { locateImage } from "@/lib/data/image-files";
import { listVocabulary } from "@/lib/data/vocabulary";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

const root = mkdtempSync(path.join(tmpdir(), "relabel-access-"));

/** A dataset with pixels: validation images 1..n, plus one training-style sample of class 5. */
async function datasetWithPixels(n: number) {
  const { datasetId, imageIds } = await seedDataset(db, n);
  const folder = path.join(root, String(datasetId));
  mkdirSync(folder);
  await db.dataset.update({ where: { id: datasetId }, data: { imageRoot: folder } });
  const images = await db.image.findMany({ where: { datasetId } });
  for (const image of images) writeFileSync(path.join(folder, image.storagePath), "jpeg");
  await db.image.updateMany({ where: { datasetId }, data: { bytes: 4 } });
  const sample = await db.image.create({
    data: { datasetId, fileKey: "n00000005_fox.JPEG", storagePath: "n00000005_fox.JPEG", split: "TRAIN", bytes: 4 },
  });
  writeFileSync(path.join(folder, sample.storagePath), "jpeg");
  // Every validation image carries original label 5.
  const source = await db.labelSource.create({ data: { datasetId, name: "original", kind: "ORIGINAL", title: "Original" } });
  await db.sourceLabel.createMany({ data: imageIds.map((imageId) => ({ sourceId: source.id, imageId, status: "LABELED" as const, classes: [5] })) });
  return { datasetId, imageIds, sampleId: sample.id };
}

beforeAll(() => seedClasses(db, 10));

describe("who may see an image", () => {
  it("an annotator: images of their campaigns and the sample pool of those datasets; nothing else", async () => {
    const mine = await datasetWithPixels(3);
    const other = await datasetWithPixels(1);
    const annotator = await seedUser(db);
    const stranger = await seedUser(db);
    await seedCampaign(db, { datasetId: mine.datasetId, imageIds: mine.imageIds.slice(0, 2), memberIds: [annotator.id] });
    const viewer = { id: annotator.id, role: annotator.role };
    expect(await locateImage(viewer, mine.imageIds[0]!)).toMatchObject({ kind: "file" });
    expect(await locateImage(viewer, mine.sampleId)).toMatchObject({ kind: "file" });
    // Same dataset, not in the campaign; another dataset: the same answer as an unknown id.
    expect(await locateImage(viewer, mine.imageIds[2]!)).toBeNull();
    expect(await locateImage(viewer, other.imageIds[0]!)).toBeNull();
    expect(await locateImage(viewer, other.sampleId)).toBeNull();
    expect(await locateImage({ id: stranger.id, role: stranger.role }, mine.imageIds[0]!)).toBeNull();
  });

  it("a reviewer: every image", async () => {
    const other = await datasetWithPixels(1);
    const reviewer = await seedUser(db, "REVIEWER");
    expect(await locateImage({ id: reviewer.id, role: reviewer.role }, other.imageIds[0]!)).toMatchObject({ kind: "file" });
  });
});

describe("examples of a class", () => {
  async function campaignOf(showPriorLabels: boolean) {
    const data = await datasetWithPixels(3);
    const annotator = await seedUser(db);
    const campaignId = await seedCampaign(db, { datasetId: data.datasetId, imageIds: data.imageIds.slice(0, 2), memberIds: [annotator.id], showPriorLabels });
    return { ...data, campaignId, viewer: { id: annotator.id, role: annotator.role } };
  }

  it("in a blind campaign come only from the neutral sample pool", async () => {
    const blind = await campaignOf(false);
    const examples = await listClassExamples(blind.viewer, 5, { campaignId: blind.campaignId, excludeImageId: blind.imageIds[0]! });
    expect(examples).toEqual([blind.sampleId]);
  });

  it("where priors are shown add labeled images, of this campaign only", async () => {
    const open = await campaignOf(true);
    const examples = await listClassExamples(open.viewer, 5, { campaignId: open.campaignId, excludeImageId: open.imageIds[0]! });
    expect(examples).toEqual([open.sampleId, open.imageIds[1]]);
  });

  it("refuse a campaign the user is not in, and an annotator without a campaign", async () => {
    const open = await campaignOf(true);
    const stranger = await seedUser(db);
    const viewer = { id: stranger.id, role: stranger.role };
    await expect(listClassExamples(viewer, 5, { campaignId: open.campaignId, excludeImageId: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listClassExamples(viewer, 5, { campaignId: null, excludeImageId: null })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the vocabulary offered while labeling", () => {
  it("in a blind campaign holds only this campaign's labels, without those only others gave this image", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 3);
    const [me, other] = [await seedUser(db), await seedUser(db)];
    const blind = await seedCampaign(db, { datasetId, imageIds, memberIds: [me.id, other.id], showPriorLabels: false, annotatorsPerImage: 2 });
    const elsewhere = await seedCampaign(db, { datasetId, imageIds, memberIds: [other.id] });
    await db.vocabularyLabel.create({ data: { name: "tayra from elsewhere" } });
    await db.decision.create({ data: { campaignId: elsewhere, imageId: imageIds[0]!, userId: other.id, classes: [], candidateClasses: [], outsideLabels: ["tayra from elsewhere"] } });
    await db.decision.create({ data: { campaignId: blind, imageId: imageIds[0]!, userId: other.id, classes: [], candidateClasses: [], outsideLabels: ["answer on screen"] } });
    await db.decision.create({ data: { campaignId: blind, imageId: imageIds[1]!, userId: other.id, classes: [], candidateClasses: [], outsideLabels: ["vole"] } });
    await claimNextImage(db, me.id, blind);
    const offered = await listVocabulary({ userId: me.id, campaignId: blind, imageId: imageIds[0]! });
    expect(offered).toEqual(["vole"]);
    const shared = await listVocabulary({ userId: other.id, campaignId: elsewhere, imageId: imageIds[0]! });
    expect(shared).toContain("tayra from elsewhere");
  });
});
