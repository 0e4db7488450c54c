import { afterAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { resolveConsensus, sendBackForAnnotation } from "@/lib/consensus/resolve";
import { createDb } from "@/lib/db";
import { setGroupVerdict } from "@/lib/duplicates/group-review";
import { groupDuplicates } from "@/lib/duplicates/store-groups";
import { seedCampaign, seedClasses, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { resolveSchema } from "@/lib/validation/review";

/*
 * The changes issue 13 (item 9) lists beyond accounts and sign-ins — resolutions, rule changes,
 * deletions — each leave an entry written in the change's own transaction, under an action the
 * audit page can filter by.
 */
const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

async function campaignWithDisagreement() {
  await seedClasses(db, 1000);
  const { datasetId, imageIds } = await seedDataset(db, 2);
  const annotators = await Promise.all([seedUser(db), seedUser(db)]);
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: annotators.map((u) => u.id), annotatorsPerImage: 2 });
  await seedDecisions(db, campaignId, [
    { imageId: imageIds[0]!, userId: annotators[0]!.id, classes: [281] },
    { imageId: imageIds[0]!, userId: annotators[1]!.id, classes: [282] },
  ]);
  await recomputeCampaign(db, campaignId);
  return { datasetId, campaignId, imageIds, reviewer: await seedUser(db, "REVIEWER"), admin: await seedUser(db, "ADMIN") };
}

const entriesOf = (userId: number) => db.auditLog.findMany({ where: { userId }, orderBy: { id: "asc" }, select: { action: true, entity: true, entityId: true, details: true } });

describe("audited changes", () => {
  it("a resolution, an exclusion and a send-back each leave one entry", async () => {
    const { campaignId, imageIds, reviewer } = await campaignWithDisagreement();
    const outcome = { kind: "outcome", content: { classes: [281], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" } };
    await resolveConsensus(db, reviewer.id, resolveSchema.parse({ campaignId, imageId: imageIds[0], expectedVersion: 1, resolution: outcome }));
    await resolveConsensus(db, reviewer.id, resolveSchema.parse({ campaignId, imageId: imageIds[1], expectedVersion: 0, resolution: { kind: "exclude", reason: "not a photograph", notes: "" } }));
    await sendBackForAnnotation(db, reviewer.id, { campaignId, imageId: imageIds[0]! });

    const entries = await entriesOf(reviewer.id);
    expect(entries.map((entry) => entry.action)).toEqual(["consensus.resolved", "consensus.excluded", "consensus.send-back"]);
    expect(entries.every((entry) => (AUDIT_ACTIONS as readonly string[]).includes(entry.action))).toBe(true);
    expect(entries.find((entry) => entry.action === "consensus.resolved")).toMatchObject({ entity: "consensus", details: { campaignId, imageId: imageIds[0], version: 2 } });
  });

  it("a rule change is audited with its recomputation, and not at all when the recomputation fails", async () => {
    const { campaignId, admin } = await campaignWithDisagreement();
    const aborted = AbortSignal.abort();
    await expect(recomputeCampaign(db, campaignId, { rule: { rule: "UNANIMOUS", quorum: null }, actorId: admin.id, signal: aborted })).rejects.toThrow();
    expect(await entriesOf(admin.id)).toEqual([]);
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { consensusRule: true } })).not.toEqual({ consensusRule: "UNANIMOUS" });

    await recomputeCampaign(db, campaignId, { rule: { rule: "UNANIMOUS", quorum: null }, actorId: admin.id });
    expect(await entriesOf(admin.id)).toEqual([{ action: "campaign.consensus-rule", entity: "campaign", entityId: String(campaignId), details: { rule: "unanimous", changed: expect.any(Number) } }]);
  });

  it("a rescan that deletes unreviewed duplicate groups says how many, and a verdict is audited", async () => {
    const { datasetId, imageIds, reviewer, admin } = await campaignWithDisagreement();
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } });
    const members = { create: imageIds.map((imageId) => ({ imageId })) };
    const unreviewed = await db.duplicateGroup.create({ data: { datasetId, kind: "near", origin: "scan:phash<=6", members }, select: { id: true } });
    const reviewed = await db.duplicateGroup.create({ data: { datasetId, kind: "exact", origin: "scan:phash<=6", members }, select: { id: true } });
    await setGroupVerdict(db, reviewer.id, reviewed.id, "EXACT");

    await groupDuplicates(db, { dataset: dataset.slug, threshold: 6, actorId: admin.id });

    expect(await db.duplicateGroup.findUnique({ where: { id: unreviewed.id } })).toBeNull();
    expect(await entriesOf(admin.id)).toEqual([{ action: "duplicates.scan", entity: "dataset", entityId: String(datasetId), details: { threshold: 6, removed: 1, stored: 0 } }]);
    expect(await entriesOf(reviewer.id)).toEqual([{ action: "duplicates.verdict", entity: "duplicate_group", entityId: String(reviewed.id), details: { verdict: "EXACT" } }]);
  });
});
