import { afterAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/run-action";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { ResolutionConflictError, resolveConsensus, sendBackForAnnotation } from "@/lib/consensus/resolve";
import { createDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { seedCampaign, seedClasses, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { resolveSchema, type ResolveInput } from "@/lib/validation/review";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

/** One image two annotators disagree on, its consensus computed (DISAGREED, version 1). */
async function disagreement() {
  await seedClasses(db, 1000);
  const { datasetId, imageIds } = await seedDataset(db, 1);
  const annotators = await Promise.all([seedUser(db), seedUser(db)]);
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: annotators.map((u) => u.id), annotatorsPerImage: 2 });
  const imageId = imageIds[0]!;
  await seedDecisions(db, campaignId, [
    { imageId, userId: annotators[0]!.id, classes: [281] },
    { imageId, userId: annotators[1]!.id, classes: [282] },
  ]);
  await recomputeCampaign(db, campaignId);
  const [first, second] = await Promise.all([seedUser(db, "REVIEWER"), seedUser(db, "REVIEWER")]);
  return { campaignId, imageId, reviewers: [first!.id, second!.id], annotatorId: annotators[0]!.id };
}

const accept = (ref: { campaignId: number; imageId: number }, classes: number[], expectedVersion = 1): ResolveInput =>
  resolveSchema.parse({ ...ref, expectedVersion, resolution: { kind: "outcome", content: { classes, ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "looked at the ears" } } });

describe("resolveConsensus", () => {
  it("overrides the computed consensus and keeps the history with who and why", async () => {
    const ref = await disagreement();
    expect(await resolveConsensus(db, ref.reviewers[0]!, accept(ref, [281]))).toEqual({ version: 2, status: "RESOLVED" });
    const row = await db.consensus.findFirstOrThrow({ where: { campaignId: ref.campaignId }, include: { revisions: { orderBy: { version: "asc" } } } });
    expect(row).toMatchObject({ status: "RESOLVED", classes: [281], method: "reviewer", resolvedById: ref.reviewers[0], note: "looked at the ears" });
    expect(row.revisions.map((r) => [r.version, r.status, r.reviewerId, r.note])).toEqual([
      [1, "DISAGREED", null, "recomputed: majority"],
      [2, "RESOLVED", ref.reviewers[0], "looked at the ears"],
    ]);
  });

  it("lets one of two concurrent resolutions win; the other is refused with the winner's result", async () => {
    const ref = await disagreement();
    const results = await Promise.allSettled([
      resolveConsensus(db, ref.reviewers[0]!, accept(ref, [281])),
      resolveConsensus(db, ref.reviewers[1]!, accept(ref, [282])),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ResolutionConflictError);
    const row = await db.consensus.findFirstOrThrow({ where: { campaignId: ref.campaignId }, include: { resolvedBy: true } });
    expect(lost[0]!.reason.message).toContain(`${row.resolvedBy!.name} resolved this image meanwhile: class ${row.classes[0]}`);
    expect(await db.consensusRevision.count({ where: { consensusId: row.id } })).toBe(2);
  });

  it("refuses a resolution naming an older version, writing nothing", async () => {
    const ref = await disagreement();
    await resolveConsensus(db, ref.reviewers[0]!, accept(ref, [281]));
    await expect(resolveConsensus(db, ref.reviewers[1]!, accept(ref, [282], 1))).rejects.toThrow(/resolved this image meanwhile: class 281 \(version 2\)/);
    expect((await db.consensus.findFirstOrThrow({ where: { campaignId: ref.campaignId } })).classes).toEqual([281]);
  });

  it("excludes with a reason, and marks a resolved image changed when its decisions change afterwards", async () => {
    const ref = await disagreement();
    await resolveConsensus(db, ref.reviewers[0]!, resolveSchema.parse({ ...ref, expectedVersion: 1, resolution: { kind: "exclude", reason: "a drawing", notes: "" } }));
    await db.decision.updateMany({ where: { campaignId: ref.campaignId, userId: ref.annotatorId }, data: { classes: [282], updatedAt: new Date(Date.now() + 1000) } });
    await recomputeCampaign(db, ref.campaignId);
    expect(await db.consensus.findFirstOrThrow({ where: { campaignId: ref.campaignId } })).toMatchObject({ status: "EXCLUDED", excludeReason: "a drawing", changedSinceResolved: true });
  });

  it("answers not found for an image outside the campaign", async () => {
    const ref = await disagreement();
    const other = await seedDataset(db, 1);
    await expect(resolveConsensus(db, ref.reviewers[0]!, accept({ ...ref, imageId: other.imageIds[0]! }, [1], 0))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("resolution input", () => {
  it("refuses an empty set with no outcome, a class the taxonomy lacks, and annotators, writing nothing", async () => {
    const ref = await disagreement();
    const empty = resolveSchema.safeParse({ ...ref, expectedVersion: 1, resolution: { kind: "outcome", content: { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" } } });
    expect(empty.success).toBe(false);
    expect(empty.error!.issues[0]!.message).toContain("Choose at least one class");
    const unknownClass = await resolveConsensus(db, ref.reviewers[0]!, accept(ref, [1000])).catch((error: Error) => error);
    expect(unknownClass).toMatchObject({ name: "ExpectedError", message: "Class 1000 is not one of the dataset's 1000 classes (indices 0 to 999)." });
    const annotator = { id: ref.annotatorId, email: "a@test", name: "a", role: "ANNOTATOR" as const };
    const body = () => resolveConsensus(db, annotator.id, accept(ref, [281]));
    expect(await runAction(annotator, "review:resolve", resolveSchema, body, accept(ref, [281]))).toEqual({ ok: false, error: "You do not have permission to do that." });
    expect((await db.consensus.findFirstOrThrow({ where: { campaignId: ref.campaignId } })).status).toBe("DISAGREED");
  });
});

describe("sendBackForAnnotation", () => {
  it("adds one open slot to the image's campaign queue", async () => {
    const ref = await disagreement();
    await db.campaignImage.updateMany({ where: { campaignId: ref.campaignId }, data: { openSlots: 0 } });
    expect(await sendBackForAnnotation(db, ref.reviewers[0]!, ref)).toEqual({ openSlots: 1 });
    expect(await db.auditLog.count({ where: { action: "consensus.send-back", entityId: `${ref.campaignId}:${ref.imageId}` } })).toBe(1);
  });
});
