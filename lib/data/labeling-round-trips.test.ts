// First: installs the recording client where lib/db looks for the app's client.
import { recordStatements } from "@/lib/testing/query-log";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveUser } from "@/lib/auth/users";
import { holdImages, PREFETCH_DEPTH } from "@/lib/campaigns/queue";
import { listWorkbenchItems } from "@/lib/data/labeling";
import { db } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { seedCampaign, seedClasses, seedDataset, seedPredictions, seedUser, seedVerdicts } from "@/lib/testing/factories";

/**
 * The statements each step of the labeling hot path sends, counted: every round trip is paid on
 * every image by every annotator, so one added back (a relation read, a per-row loop, a second
 * campaign read) fails here rather than only in the HTTP benchmark.
 */
afterAll(() => db.$disconnect());

let campaignId: number;
let userId: number;

beforeAll(async () => {
  await seedClasses(db, 10);
  const { datasetId, imageIds } = await seedDataset(db, 12);
  await seedPredictions(db, datasetId, "model", imageIds.map((id) => [id, [1, 2, 3, 4, 5]]));
  await seedVerdicts(db, datasetId, "study", "STUDY", imageIds.map((id) => [id, [2]]));
  const user = await seedUser(db);
  userId = user.id;
  campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [userId], annotatorsPerImage: 2 });
});

const submit = (imageId: number) =>
  submitDecision(db, userId, {
    campaignId, imageId, content: { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" },
    requestId: randomUUID(), timeSpentMs: 1000, shownClasses: [], shownSources: [],
  });

describe("labeling hot path round trips", () => {
  it("checks a session in one statement", async () => {
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
    const { result, statements } = await recordStatements(() => findActiveUser(db, userId, sessionVersion));
    expect(result?.id).toBe(userId);
    expect(statements).toHaveLength(1);
  });

  it("claims a full prefetch in five statements, however many images it takes", async () => {
    // Campaign and membership with the held claims, expired claims released, one pick-take-record per open-slot level (two here), COMMIT.
    const first = await recordStatements(() => holdImages(db, userId, campaignId, PREFETCH_DEPTH));
    expect(first.result).toHaveLength(PREFETCH_DEPTH);
    expect(first.statements).toHaveLength(5);
    // Holding enough already: the campaign with the held claims, then COMMIT.
    const again = await recordStatements(() => holdImages(db, userId, campaignId, PREFETCH_DEPTH));
    expect(again.result).toEqual(first.result.map((claim) => ({ ...claim, resumed: true })));
    expect(again.statements).toHaveLength(2);
  });

  it("submits in a fixed number of statements, the gold flag read with the assignment lock", async () => {
    const [held] = await holdImages(db, userId, campaignId, PREFETCH_DEPTH);
    const { result, statements } = await recordStatements(() => submit(held!.imageId));
    expect(result.created).toBe(true);
    // The gold flag comes with the lock, not from a read of its own.
    expect(statements.filter((sql) => /SELECT[^;]*"campaign_images"\."gold"/.test(sql))).toEqual([]);
    // Campaign with the assignment's lock (and gold flag), replay check, the decision with its revision, the draft's
    // removal and the assignment marked submitted (one statement, whose trigger checks the classes), consensus lock,
    // decisions, stored consensus, one consensus write, COMMIT.
    expect(statements).toHaveLength(8);
  });

  it("reads a batch of held items in the same few statements as one item", async () => {
    const held = (await holdImages(db, userId, campaignId, PREFETCH_DEPTH)).map((claim) => claim.imageId);
    const one = await recordStatements(() => listWorkbenchItems(userId, campaignId, held.slice(0, 1)));
    const all = await recordStatements(() => listWorkbenchItems(userId, campaignId, held));
    expect(one.result).toHaveLength(1);
    expect(all.result.map((entry) => entry.item.image.id)).toEqual(held);
    expect(all.result.map((entry) => [entry.item.predictions.length, entry.item.verdicts.length])).toEqual(held.map(() => [1, 1]));
    // Campaign and membership, the items with the user's decisions and drafts, every source's labels, the vocabulary.
    expect(one.statements).toHaveLength(4);
    expect(all.statements).toHaveLength(4);
  });
});
