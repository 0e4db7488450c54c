import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listReviewQueue, nextInQueue } from "@/lib/data/review-queue";
import { db } from "@/lib/db";
import { refreshSuspectScores } from "@/lib/suspects/store";
import { seedCampaign, seedDataset, seedUser, seedVerdicts } from "@/lib/testing/factories";
import { queueParamsSchema } from "@/lib/validation/review";

afterAll(() => db.$disconnect());

/*
 * A campaign of three disagreed images. Original 1→5, 2→6, 3→7. Both studies confirm 1 (suspect 0);
 * both leave out 6 on image 2 and disagree with each other (3 + 1 = 4); on image 3 one says none fits
 * and the other confirms (3 × ½ = 1.5). By suspect score: 2, 3, 1 — not the disagreement order 1, 2, 3.
 */
let campaignId: number;
let ids: [number, number, number];

beforeAll(async () => {
  const dataset = await seedDataset(db, 3);
  ids = dataset.imageIds as [number, number, number];
  const [a, b, c] = ids;
  await seedVerdicts(db, dataset.datasetId, "original", "ORIGINAL", [[a, [5]], [b, [6]], [c, [7]]]);
  await seedVerdicts(db, dataset.datasetId, "real", "STUDY", [[a, [5]], [b, [9]], [c, []]]);
  await seedVerdicts(db, dataset.datasetId, "flaws-clean", "STUDY", [[a, [5]], [b, [8]], [c, [7]]]);
  campaignId = await seedCampaign(db, { datasetId: dataset.datasetId, imageIds: ids, memberIds: [(await seedUser(db)).id] });
  await db.consensus.createMany({
    data: ids.map((imageId, i) => ({ imageId, campaignId, status: "DISAGREED" as const, classes: [], method: "majority:2", disagreementScore: 0.9 - i * 0.3 })),
  });
  await refreshSuspectScores(db, dataset.datasetId);
});

const params = (raw: Record<string, string>) => queueParamsSchema.parse({ campaign: String(campaignId), ...raw });

describe("the review queue's suspect column", () => {
  it("carries each image's stored score and parts, and sorts by it", async () => {
    const { rows } = await listReviewQueue(params({ sort: "suspect-desc" }));
    expect(rows.map((r) => r.imageId)).toEqual([ids[1], ids[2], ids[0]]);
    expect(rows[0]).toMatchObject({ suspectScore: 4, suspectParts: { absent: 3, disagree: 1 } });
    expect(rows[2]).toMatchObject({ suspectScore: 0 });
    // The default order stays the disagreement score.
    expect((await listReviewQueue(params({}))).rows.map((r) => r.imageId)).toEqual(ids);
  });

  it("filters on a minimum suspect score, in the list, its count and the next image", async () => {
    const { rows, total } = await listReviewQueue(params({ suspect: "3.5" }));
    expect(total).toBe(1);
    expect(rows.map((r) => r.imageId)).toEqual([ids[1]]);
    expect(await nextInQueue(params({ suspect: "1", sort: "suspect-desc" }), { campaignId, imageId: ids[1] })).toEqual({ campaignId, imageId: ids[2] });
  });
});
