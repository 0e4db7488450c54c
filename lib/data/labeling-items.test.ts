import { afterAll, describe, expect, it } from "vitest";
import { holdImages } from "@/lib/campaigns/queue";
import { listWorkbenchItems } from "@/lib/data/labeling";
import { db } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

describe("listWorkbenchItems", () => {
  it("gives the workbench data of images the user holds, in the order asked, and leaves out the others", async () => {
    await seedClasses(db);
    const { datasetId, imageIds } = await seedDataset(db, 4);
    const [mine, theirs] = [await seedUser(db), await seedUser(db)];
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [mine.id, theirs.id] });
    const held = (await holdImages(db, mine.id, campaignId, 2)).map((claim) => claim.imageId);
    const other = (await holdImages(db, theirs.id, campaignId, 1))[0]!.imageId;

    const items = await listWorkbenchItems(mine.id, campaignId, [held[1]!, other, held[0]!]);
    expect(items.map((entry) => entry.item.image.id)).toEqual([held[1], held[0]]);
    expect(items[0]).toMatchObject({ item: { campaignId, saved: null, draft: null }, vocabulary: expect.any(Array) });
    // Not a member: nothing at all, not an error that would confirm the campaign exists.
    const stranger = await seedUser(db);
    await expect(listWorkbenchItems(stranger.id, campaignId, held)).resolves.toEqual([]);
  });
});
