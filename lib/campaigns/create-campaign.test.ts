import { afterAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createDb } from "@/lib/db";
import { seedDataset, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("createCampaign", () => {
  it("queues every selected image once, in a shuffled order, with k open slots each", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 500);
    const user = await seedUser(db);
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const campaignId = await createCampaign(
      db,
      { datasetId, name: "c", instructions: "", annotatorsPerImage: 3, showPriorLabels: false, selection: {}, imageIds: [...imageIds, imageIds[0]!], memberIds: [user.id], createdById: user.id },
      random,
    );
    const queue = await db.campaignImage.findMany({ where: { campaignId }, orderBy: { position: "asc" } });
    expect(queue).toHaveLength(500);
    expect(queue.map((entry) => entry.position)).toEqual([...Array(500).keys()]);
    expect(new Set(queue.map((entry) => entry.imageId))).toEqual(new Set(imageIds));
    expect(queue.every((entry) => entry.openSlots === 3)).toBe(true);
    expect(queue.map((entry) => entry.imageId)).not.toEqual(imageIds);
    expect(await db.campaignMember.count({ where: { campaignId } })).toBe(1);
    // The stored size counts the duplicate once, like the queue.
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).imageCount).toBe(500);
  });
});
