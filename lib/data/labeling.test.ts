import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { claimNextImage } from "@/lib/campaigns/queue";
import { getLabelingItem } from "@/lib/data/labeling";
import { db } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { NotFoundError } from "@/lib/errors";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

async function campaignOverOneLabeledImage(showPriorLabels: boolean) {
  await seedClasses(db);
  const { datasetId, imageIds } = await seedDataset(db, 1);
  const original = await db.labelSource.create({ data: { datasetId, name: "original", kind: "ORIGINAL", title: "Original" } });
  const model = await db.labelSource.create({ data: { datasetId, name: "model:m", kind: "MODEL", title: "M" } });
  await db.sourceLabel.create({ data: { sourceId: original.id, imageId: imageIds[0]!, status: "LABELED", classes: [7] } });
  await db.prediction.create({ data: { sourceId: model.id, imageId: imageIds[0]!, classes: [8, 7], scores: [0.6, 0.3] } });
  const [first, second] = [await seedUser(db), await seedUser(db)];
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [first.id, second.id], annotatorsPerImage: 2, showPriorLabels });
  return { campaignId, imageId: imageIds[0]!, first: first.id, second: second.id };
}

describe("getLabelingItem", () => {
  it("shows every source's labels and predictions, merged into candidates", async () => {
    const { campaignId, imageId, first } = await campaignOverOneLabeledImage(true);
    await claimNextImage(db, first, campaignId);
    const { item } = await getLabelingItem(first, campaignId, imageId);
    expect(item.verdicts.map((v) => [v.source, v.classes])).toEqual([["original", [7]]]);
    expect(item.predictions).toEqual([{ source: "model:m", title: "M", classes: [8, 7], scores: [0.6, 0.3] }]);
    expect(item.candidates.map((c) => c.classIndex)).toEqual([7, 8]);
  });

  it("hides all prior labels in a blind pass, and never shows another annotator's decision", async () => {
    const { campaignId, imageId, first, second } = await campaignOverOneLabeledImage(false);
    await claimNextImage(db, first, campaignId);
    await claimNextImage(db, second, campaignId);
    await submitDecision(db, first, {
      campaignId, imageId, requestId: randomUUID(), timeSpentMs: 1, shownClasses: [], shownSources: [],
      content: { classes: [7], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "mine" },
    });
    const { item } = await getLabelingItem(second, campaignId, imageId);
    expect(item.verdicts).toEqual([]);
    expect(item.predictions).toEqual([]);
    expect(item.candidates).toEqual([]);
    expect(item.saved).toBeNull();
    expect((await getLabelingItem(first, campaignId, imageId)).item.saved).toMatchObject({ classes: [7], notes: "mine" });
  });

  it("finds nothing for an image the user never held", async () => {
    const { campaignId, imageId, first } = await campaignOverOneLabeledImage(true);
    await expect(getLabelingItem(first, campaignId, imageId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
