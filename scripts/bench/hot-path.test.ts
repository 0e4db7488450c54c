import { afterAll, describe, expect, it } from "vitest";
import { holdImages } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";
import { seedCampaign, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { overAssigned } from "./hot-path";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
afterAll(() => db.$disconnect());

async function campaignOf(images: number, annotatorsPerImage: number) {
  const { datasetId, imageIds } = await seedDataset(db, images);
  const users = [await seedUser(db), await seedUser(db), await seedUser(db)];
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((user) => user.id), annotatorsPerImage });
  return { campaignId, imageIds, userIds: users.map((user) => user.id) };
}

// The benchmarks fail their run when this check finds anything: it must see each way an image can be over-assigned.
describe("overAssigned (the benchmarks' after-run check)", () => {
  it("finds nothing after claims that respect the campaign's k", async () => {
    const { campaignId, userIds } = await campaignOf(6, 2);
    for (const userId of userIds) await holdImages(db, userId, campaignId, 4);
    expect(await overAssigned(url, campaignId)).toBe(0);
  });

  // (A slot count below zero, the check's third case, is refused by the table's own constraint.)
  it("counts images held or labeled by more annotators than k, once each", async () => {
    const { campaignId, imageIds, userIds } = await campaignOf(5, 1);
    const [a, b] = userIds as [number, number];
    const [heldTwice, labeledTwice] = imageIds as [number, number];
    const expiresAt = new Date(Date.now() + 60_000);
    await db.assignment.createMany({ data: [a, b].map((userId) => ({ campaignId, imageId: heldTwice, userId, expiresAt })) });
    await seedDecisions(db, campaignId, [a, b].map((userId) => ({ imageId: labeledTwice, userId, classes: [1] })));
    expect(await overAssigned(url, campaignId)).toBe(2);
  });
});
