import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { claimNextImage } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { seedCampaign, seedDataset, seedUser } from "@/lib/testing/factories";
import { submitDecisionSchema } from "@/lib/validation/labeling";

// This file's database never gets a class list: the state of a fresh install before its first import.
const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("decisions before any taxonomy is loaded", () => {
  it("refuse a class in words and write nothing, while a decision naming none is kept", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 1);
    const { id: userId } = await seedUser(db);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [userId] });
    const { imageId } = (await claimNextImage(db, userId, campaignId))!;
    const submit = (classes: number[], outsideLabels: string[] = []) =>
      submitDecision(db, userId, submitDecisionSchema.parse({
        campaignId,
        imageId,
        content: { classes, ambiguity: null, candidateClasses: [], outsideLabels, notes: "" },
        requestId: randomUUID(),
        timeSpentMs: 1000,
        shownClasses: [],
        shownSources: [],
      }));

    await expect(submit([5])).rejects.toThrow("No class list is loaded yet, so class 5 names nothing: import the taxonomy first.");
    expect(await db.decision.count({ where: { campaignId } })).toBe(0);
    await expect(submit([], ["A vole"])).resolves.toMatchObject({ version: 1, created: true });
  });
});
