import { afterAll, describe, expect, it } from "vitest";
import { holdImages, PREFETCH_DEPTH } from "@/lib/campaigns/queue";
import { hasWorkLeft, upcomingImageIds } from "@/lib/data/upcoming-images";
import { db } from "@/lib/db";
import { seedCampaign, seedDataset, seedUser } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

describe("upcomingImageIds", () => {
  it("only reads: it claims nothing, and lists the images already held after the current one", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 6);
    const user = await seedUser(db);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [user.id] });
    expect(await upcomingImageIds(user.id, campaignId, imageIds[0]!)).toEqual([]);
    expect(await db.assignment.count({ where: { campaignId } })).toBe(0);

    const held = (await holdImages(db, user.id, campaignId, PREFETCH_DEPTH)).map((claim) => claim.imageId);
    expect(await upcomingImageIds(user.id, campaignId, held[0]!)).toEqual(held.slice(1));
    expect(await db.assignment.count({ where: { campaignId } })).toBe(PREFETCH_DEPTH);
  });
});

describe("hasWorkLeft", () => {
  it("says whether a claim would find an image, without claiming", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 1);
    const [me, other] = [await seedUser(db), await seedUser(db)];
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [me.id, other.id] });
    expect(await hasWorkLeft(me.id, campaignId)).toBe(true);
    expect(await db.assignment.count({ where: { campaignId } })).toBe(0);
    await holdImages(db, other.id, campaignId, 1);
    expect(await hasWorkLeft(me.id, campaignId)).toBe(false);
    expect(await hasWorkLeft(other.id, campaignId)).toBe(true);
    // The other annotator's claim expires: the image is available again.
    await db.assignment.updateMany({ where: { campaignId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await hasWorkLeft(me.id, campaignId)).toBe(true);
  });
});
