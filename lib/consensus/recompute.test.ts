import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { claimNextImage } from "@/lib/campaigns/queue";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { createDb, type Db } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { seedCampaign, seedClasses, seedDataset, seedDecisions, seedPredictions, seedUser, seedVerdicts } from "@/lib/testing/factories";
import { submitDecisionSchema } from "@/lib/validation/labeling";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

/** A campaign of `images` images where three annotators label every image. */
async function campaignOf(images: number, k = 3) {
  const { datasetId, imageIds } = await seedDataset(db, images);
  const users = await Promise.all(Array.from({ length: 3 }, () => seedUser(db)));
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((u) => u.id), annotatorsPerImage: k });
  return { campaignId, imageIds, userIds: users.map((u) => u.id) };
}

/** Counts every query a client runs (raw ones included), to prove the work is set-based. */
function counting(client: Db) {
  const counter = { queries: 0 };
  const counted = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        counter.queries += 1;
        return query(args);
      },
    },
  });
  return { counter, client: counted as unknown as Db };
}

describe("recomputeCampaign", () => {
  it("computes 2,000 images × 3 decisions in a handful of queries, writes one row and one revision per image, then nothing", async () => {
    const { campaignId, imageIds, userIds } = await campaignOf(2000);
    // Image i: every third image has a dissenting third annotator, every fifth has no majority at all.
    await seedDecisions(
      db,
      campaignId,
      imageIds.flatMap((imageId, i) => [
        { imageId, userId: userIds[0]!, classes: [i % 1000] },
        { imageId, userId: userIds[1]!, classes: [i % 5 === 0 ? (i + 1) % 1000 : i % 1000] },
        { imageId, userId: userIds[2]!, classes: [i % 3 === 0 || i % 5 === 0 ? (i + 2) % 1000 : i % 1000] },
      ]),
    );
    const { counter, client } = counting(db);
    const summary = await recomputeCampaign(client, campaignId);
    // The counter sees the transaction's raw queries too (more than the few top-level calls).
    expect(counter.queries).toBeGreaterThan(5);
    expect(counter.queries).toBeLessThan(20);
    const noMajority = imageIds.filter((_, i) => i % 5 === 0).length;
    expect(summary).toMatchObject({ campaign: campaignId, rule: "majority", images: 2000, changed: 2000 });
    expect(summary.byStatus).toEqual({ agreed: 2000 - noMajority, disagreed: noMajority, resolved: 0, excluded: 0, inProgress: 0, unlabeled: 0 });
    expect(await db.consensusRevision.count({ where: { consensus: { campaignId } } })).toBe(2000);
    const revision = await db.consensusRevision.findFirstOrThrow({ where: { consensus: { campaignId } } });
    expect(revision).toMatchObject({ reviewerId: null, note: "recomputed: majority", version: 1 });

    const dissent = await db.consensus.findFirstOrThrow({ where: { campaignId, imageId: imageIds[3]! } });
    expect(dissent).toMatchObject({ status: "AGREED", classes: [3], decisionCount: 3, method: "majority" });
    expect(dissent.agreement).toBeCloseTo(1 / 3);

    const again = await recomputeCampaign(db, campaignId);
    expect(again.changed).toBe(0);
    expect(await db.consensusRevision.count({ where: { consensus: { campaignId } } })).toBe(2000);
  });

  it("scores each written row against the prior sources in the same write: mean Jaccard distance, then the mean with 1 − agreement", async () => {
    const { campaignId, imageIds, userIds } = await campaignOf(2);
    const datasetId = (await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { datasetId: true } })).datasetId;
    // Image 0: a source says {1, 2}, a model's top-1 is 1; image 1 has no source at all.
    await seedVerdicts(db, datasetId, `real-${randomUUID()}`, "STUDY", [[imageIds[0]!, [1, 2]]]);
    await seedPredictions(db, datasetId, `m-${randomUUID()}`, [[imageIds[0]!, [1, 7]]]);
    await seedDecisions(db, campaignId, [
      ...userIds.map((userId) => ({ imageId: imageIds[0]!, userId, classes: [1] })),
      ...userIds.map((userId, i) => ({ imageId: imageIds[1]!, userId, classes: [i === 2 ? 9 : 4] })),
    ]);
    await recomputeCampaign(db, campaignId);
    const rows = await db.consensus.findMany({ where: { campaignId }, orderBy: { imageId: "asc" } });
    // Image 0: each decision {1} is 0.5 from {1, 2} and 0 from {1}: mean 0.25; agreement 1, so the score is 0.125.
    expect(rows[0]).toMatchObject({ sourceDisagreement: 0.25, agreement: 1 });
    expect(rows[0]!.disagreementScore).toBeCloseTo(0.125);
    // Image 1: no source; agreement = 1 − mean pairwise distance = 1/3, the score is 1 − 1/3.
    expect(rows[1]!.sourceDisagreement).toBeNull();
    expect(rows[1]!.disagreementScore).toBeCloseTo(2 / 3);
  });

  it("stores a new rule inside the lock and revises only the rows whose outcome changes, saying why", async () => {
    const { campaignId, imageIds, userIds } = await campaignOf(3);
    await seedDecisions(db, campaignId, [
      ...userIds.map((userId) => ({ imageId: imageIds[0]!, userId, classes: [1] })),
      ...userIds.map((userId, i) => ({ imageId: imageIds[1]!, userId, classes: [i === 2 ? 2 : 1] })),
    ]);
    await recomputeCampaign(db, campaignId);
    const summary = await recomputeCampaign(db, campaignId, { rule: { rule: "UNANIMOUS", quorum: null } });
    expect(summary).toMatchObject({ rule: "unanimous", changed: 2, byStatus: { agreed: 1, disagreed: 1, unlabeled: 1 } });
    const history = await db.consensusRevision.findMany({ where: { consensus: { campaignId, imageId: imageIds[1]! } }, orderBy: { version: "asc" } });
    expect(history.map((r) => [r.version, r.status, r.method, r.note])).toEqual([
      [1, "AGREED", "majority", "recomputed: majority"],
      [2, "DISAGREED", "unanimous", "rule changed to unanimous"],
    ]);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).consensusRule).toBe("UNANIMOUS");
  });

  it("never mixes two rules when rule changes race", async () => {
    const { campaignId, imageIds, userIds } = await campaignOf(200);
    await seedDecisions(db, campaignId, imageIds.flatMap((imageId, i) => userIds.map((userId, u) => ({ imageId, userId, classes: [u === 2 && i % 2 ? 9 : 1] }))));
    await Promise.all([
      recomputeCampaign(db, campaignId, { rule: { rule: "UNANIMOUS", quorum: null } }),
      recomputeCampaign(db, campaignId, { rule: { rule: "MAJORITY", quorum: 2 } }),
      recomputeCampaign(db, campaignId, { rule: { rule: "DAWID_SKENE", quorum: null } }),
    ]);
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const methods = await db.consensus.groupBy({ by: ["method"], where: { campaignId }, _count: true });
    const expected = { UNANIMOUS: "unanimous", MAJORITY: "majority:2", DAWID_SKENE: "dawid-skene" }[campaign.consensusRule];
    expect(methods).toEqual([{ method: expected, _count: 200 }]);
  });

  it("leaves a reviewer's row alone and flags it when a decision changes afterwards", async () => {
    const { campaignId, imageIds, userIds } = await campaignOf(1);
    const [first] = await seedDecisions(db, campaignId, userIds.map((userId, i) => ({ imageId: imageIds[0]!, userId, classes: [i] })));
    await recomputeCampaign(db, campaignId);
    const row = await db.consensus.update({
      where: { imageId_campaignId: { imageId: imageIds[0]!, campaignId } },
      data: { status: "RESOLVED", classes: [7], method: "reviewer", version: { increment: 1 } },
    });
    await db.decision.update({ where: { id: first! }, data: { classes: [1], version: 2 } });
    const summary = await recomputeCampaign(db, campaignId, { rule: { rule: "MAJORITY", quorum: 1 } });
    expect(summary.byStatus.resolved).toBe(1);
    const after = await db.consensus.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "RESOLVED", classes: [7], method: "reviewer", version: row.version, changedSinceResolved: true });
  });

  it("follows each submitted decision on the single-image path: in progress, then agreed", async () => {
    const { campaignId, userIds } = await campaignOf(1, 2);
    await seedClasses(db, 10);
    const submit = async (userId: number, classes: number[]) => {
      const claim = await claimNextImage(db, userId, campaignId);
      const input = submitDecisionSchema.parse({
        campaignId,
        imageId: claim!.imageId,
        content: { classes, ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" },
        requestId: randomUUID(),
        timeSpentMs: 1000,
        shownClasses: [],
        shownSources: [],
      });
      await submitDecision(db, userId, input);
      return db.consensus.findFirstOrThrow({ where: { campaignId } });
    };
    expect(await submit(userIds[0]!, [4])).toMatchObject({ status: "IN_PROGRESS", decisionCount: 1, classes: [] });
    expect(await submit(userIds[1]!, [4])).toMatchObject({ status: "AGREED", decisionCount: 2, classes: [4], agreement: 1 });
    expect(await db.consensusRevision.count({ where: { consensus: { campaignId } } })).toBe(2);
  });
});

describe("dataset-level consensus rows", () => {
  it("allow one row per image with no campaign: a second one fails", async () => {
    const { imageIds } = await seedDataset(db, 1);
    await db.consensus.create({ data: { imageId: imageIds[0]!, campaignId: null, status: "AGREED", classes: [1], method: "dataset" } });
    await expect(db.consensus.create({ data: { imageId: imageIds[0]!, campaignId: null, status: "AGREED", classes: [2], method: "dataset" } })).rejects.toThrow(/Unique constraint/);
    expect(await db.consensus.count({ where: { imageId: imageIds[0]!, campaignId: null } })).toBe(1);
  });
});
