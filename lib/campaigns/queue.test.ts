import { afterAll, describe, expect, it } from "vitest";
import { claimNextImage, holdImages, previousImageId, releaseExpiredClaims, skipImage } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { seedCampaign, seedDataset, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

async function setUp(images: number, annotators: number, k: number) {
  const { datasetId, imageIds } = await seedDataset(db, images);
  const users = await Promise.all(Array.from({ length: annotators }, () => seedUser(db)));
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((user) => user.id), annotatorsPerImage: k });
  return { campaignId, imageIds, userIds: users.map((user) => user.id) };
}

async function submit(campaignId: number, userId: number, imageId: number) {
  await db.assignment.update({
    where: { campaignId_imageId_userId: { campaignId, imageId, userId } },
    data: { status: "SUBMITTED", finishedAt: new Date() },
  });
}

describe("claimNextImage", () => {
  it("never hands an image to more than k annotators, nor twice to one, under concurrent claims", async () => {
    const { campaignId, userIds } = await setUp(30, 8, 2);
    // Every annotator claims and finishes images as fast as it can, all at once, until the queue is empty.
    // SKIP LOCKED may answer "nothing" while another claimer holds the last open rows locked, so
    // an annotator asks again while any slot is open (a bounded number of times, lest a bug spin forever).
    const anySlotOpen = async () => (await db.campaignImage.count({ where: { campaignId, openSlots: { gt: 0 } } })) > 0;
    const handed = await Promise.all(
      userIds.map(async (userId) => {
        const mine: number[] = [];
        for (let emptyAnswers = 0; emptyAnswers < 1000; ) {
          const claim = await claimNextImage(db, userId, campaignId);
          if (!claim) {
            if (!(await anySlotOpen())) return mine;
            emptyAnswers++;
            await new Promise((resolve) => setTimeout(resolve, 10));
            continue;
          }
          mine.push(claim.imageId);
          await submit(campaignId, userId, claim.imageId);
        }
        return mine;
      }),
    );
    for (const mine of handed) expect(new Set(mine).size).toBe(mine.length);
    const perImage = new Map<number, number>();
    for (const imageId of handed.flat()) perImage.set(imageId, (perImage.get(imageId) ?? 0) + 1);
    expect(perImage.size).toBe(30);
    expect([...perImage.values()].every((count) => count === 2)).toBe(true);
    const open = await db.campaignImage.aggregate({ where: { campaignId }, _sum: { openSlots: true } });
    expect(open._sum.openSlots).toBe(0);
  });

  it("resumes the image a user already holds instead of claiming another", async () => {
    const { campaignId, userIds } = await setUp(3, 1, 1);
    const first = await claimNextImage(db, userIds[0]!, campaignId);
    const again = await claimNextImage(db, userIds[0]!, campaignId);
    expect(again).toMatchObject({ imageId: first!.imageId, resumed: true });
  });

  it("returns expired claims to the pool", async () => {
    const { campaignId, userIds } = await setUp(1, 2, 1);
    const [slow, other] = userIds as [number, number];
    const claim = await claimNextImage(db, slow, campaignId);
    expect(await claimNextImage(db, other, campaignId)).toBeNull();
    await db.assignment.updateMany({ where: { campaignId, userId: slow }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const taken = await claimNextImage(db, other, campaignId);
    expect(taken?.imageId).toBe(claim!.imageId);
    expect(await db.$transaction((tx) => releaseExpiredClaims(tx, campaignId))).toBe(0);
  });

  it("refuses non-members with not-found and closed campaigns with a message", async () => {
    const { campaignId } = await setUp(2, 1, 1);
    const outsider = await seedUser(db);
    await expect(claimNextImage(db, outsider.id, campaignId)).rejects.toBeInstanceOf(NotFoundError);
    const { campaignId: closed, userIds } = await setUp(2, 1, 1);
    await db.campaign.update({ where: { id: closed }, data: { status: "CLOSED" } });
    await expect(claimNextImage(db, userIds[0]!, closed)).rejects.toThrow(ExpectedError);
  });
});

describe("skip and previous", () => {
  it("gives a skipped image to someone else and never back to the skipper", async () => {
    const { campaignId, userIds } = await setUp(1, 2, 1);
    const [skipper, other] = userIds as [number, number];
    const claim = await claimNextImage(db, skipper, campaignId);
    await skipImage(db, skipper, campaignId, claim!.imageId, "too dark to tell");
    expect(await claimNextImage(db, skipper, campaignId)).toBeNull();
    expect((await claimNextImage(db, other, campaignId))?.imageId).toBe(claim!.imageId);
  });

  it("walks back through the images a user finished", async () => {
    const { campaignId, userIds } = await setUp(3, 1, 1);
    const userId = userIds[0]!;
    const order: number[] = [];
    for (let i = 0; i < 3; i++) {
      const claim = await claimNextImage(db, userId, campaignId);
      order.push(claim!.imageId);
      await submit(campaignId, userId, claim!.imageId);
    }
    expect(await previousImageId(db, userId, campaignId, null)).toBe(order[2]);
    expect(await previousImageId(db, userId, campaignId, order[2]!)).toBe(order[1]);
    expect(await previousImageId(db, userId, campaignId, order[0]!)).toBeNull();
  });

  it("counts an image whose submit the browser is still sending as finished, so Previous lands on it", async () => {
    const { campaignId, userIds } = await setUp(3, 1, 1);
    const userId = userIds[0]!;
    const first = (await claimNextImage(db, userId, campaignId))!.imageId;
    await submit(campaignId, userId, first);
    const [sending, shown] = (await holdImages(db, userId, campaignId, 2)).map((claim) => claim.imageId) as [number, number];
    expect(await previousImageId(db, userId, campaignId, shown)).toBe(first);
    expect(await previousImageId(db, userId, campaignId, shown, [sending])).toBe(sending);
    // Still in claim order: an image being sent that was claimed later is not "before".
    expect(await previousImageId(db, userId, campaignId, sending, [sending, shown])).toBe(first);
  });
});

describe("holdImages", () => {
  it("claims ahead up to the depth, oldest first, and reuses what the user holds", async () => {
    const { campaignId, userIds } = await setUp(10, 1, 1);
    const userId = userIds[0]!;
    const first = await holdImages(db, userId, campaignId, 4);
    expect(first).toHaveLength(4);
    expect(new Set(first.map((claim) => claim.imageId)).size).toBe(4);
    const again = await holdImages(db, userId, campaignId, 4);
    expect(again.map((claim) => claim.imageId)).toEqual(first.map((claim) => claim.imageId));
    await submit(campaignId, userId, first[0]!.imageId);
    const next = await holdImages(db, userId, campaignId, 4);
    expect(next.map((claim) => claim.imageId).slice(0, 3)).toEqual(first.slice(1).map((claim) => claim.imageId));
    expect(next).toHaveLength(4);
  });

  it("holds one more for each held image the browser moved past and is still sending, never more than twice the depth", async () => {
    const { campaignId, imageIds, userIds } = await setUp(12, 1, 1);
    const userId = userIds[0]!;
    const first = (await holdImages(db, userId, campaignId, 4)).map((claim) => claim.imageId);
    await submit(campaignId, userId, first[0]!);
    // The screen is two images further on: their submits are queued behind this one.
    const deeper = (await holdImages(db, userId, campaignId, 4, first.slice(1, 3))).map((claim) => claim.imageId);
    expect(deeper).toHaveLength(6);
    expect(deeper.slice(0, 3)).toEqual(first.slice(1));
    // Images it does not hold count for nothing: the oldest four of those held, nothing new claimed.
    expect((await holdImages(db, userId, campaignId, 4, [first[0]!, ...imageIds.filter((id) => !deeper.includes(id))])).map((claim) => claim.imageId)).toEqual(deeper.slice(0, 4));
    expect(await db.assignment.count({ where: { campaignId, userId, status: "ACTIVE" } })).toBe(6);
    // Listing every held image never grows the hold past twice the depth.
    expect(await holdImages(db, userId, campaignId, 4, deeper)).toHaveLength(8);
    expect(await holdImages(db, userId, campaignId, 4, imageIds)).toHaveLength(8);
  });
});
