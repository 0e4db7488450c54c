import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/run-action";
import { claimNextImage } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";
import { saveDraft, submitDecision } from "@/lib/decisions/decisions";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";
import { submitDecisionSchema, type SubmitDecisionInput } from "@/lib/validation/labeling";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

async function claimed(annotators = 1, k = 1, images = 2) {
  await seedClasses(db);
  const { datasetId, imageIds } = await seedDataset(db, images);
  const users = await Promise.all(Array.from({ length: annotators }, () => seedUser(db)));
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((u) => u.id), annotatorsPerImage: k });
  const userId = users[0]!.id;
  const claim = await claimNextImage(db, userId, campaignId);
  // As if the annotator had looked at the image for a while: the client's time is clamped to the time since the claim.
  await db.assignment.updateMany({ where: { campaignId }, data: { claimedAt: new Date(Date.now() - 600_000) } });
  return { campaignId, userId, imageId: claim!.imageId, others: users.slice(1).map((u) => u.id) };
}

function input(ref: { campaignId: number; imageId: number }, content: Partial<SubmitDecisionInput["content"]> = {}): SubmitDecisionInput {
  return submitDecisionSchema.parse({
    ...ref,
    content: { classes: [356], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "", ...content },
    requestId: randomUUID(),
    timeSpentMs: 4200,
    shownClasses: [356, 357],
    shownSources: ["original", "real"],
  });
}

describe("submitDecision", () => {
  it("stores the decision with time spent, shown candidates and a first revision", async () => {
    const ref = await claimed();
    const result = await submitDecision(db, ref.userId, input(ref, { classes: [357, 356], outsideLabels: ["Vole"] }));
    expect(result).toMatchObject({ version: 1, created: true });
    const stored = await db.decision.findUniqueOrThrow({ where: { id: result.decisionId }, include: { revisions: true } });
    expect(stored).toMatchObject({ classes: [356, 357], outsideLabels: ["vole"], timeSpentMs: 4200, shownClasses: [356, 357], shownSources: ["original", "real"] });
    expect(stored.revisions).toHaveLength(1);
    expect(await db.vocabularyLabel.count({ where: { name: "vole" } })).toBe(1);
    // The claim is finished, so the queue neither hands the image out again nor counts it as held.
    const assignment = await db.assignment.findFirstOrThrow({ where: { campaignId: ref.campaignId, imageId: ref.imageId, userId: ref.userId } });
    expect(assignment.status).toBe("SUBMITTED");
    expect(assignment.finishedAt).toEqual(stored.updatedAt);
  });

  it("writes once however often the same request arrives", async () => {
    const ref = await claimed();
    const request = input(ref);
    // Eight retries at once through two separate pools, as from two app servers behind a load balancer.
    const other = createDb(process.env.DATABASE_URL!);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submitDecision(i % 2 ? other : db, ref.userId, request))).finally(() => other.$disconnect());
    expect(results.map((r) => r.created).sort()).toEqual([false, false, false, false, false, false, false, true]);
    expect(new Set(results.map((r) => r.decisionId)).size).toBe(1);
    const retry = await submitDecision(db, ref.userId, request);
    expect(retry.created).toBe(false);
    expect(await db.decisionRevision.count({ where: { decision: { imageId: ref.imageId, userId: ref.userId } } })).toBe(1);
  });

  it("refuses a request id already used for another image, and saves nothing under it", async () => {
    const ref = await claimed(1, 1, 2);
    const first = input(ref);
    await submitDecision(db, ref.userId, first);
    const second = (await claimNextImage(db, ref.userId, ref.campaignId))!.imageId;
    const reused = { ...input({ ...ref, imageId: second }), requestId: first.requestId };
    await expect(submitDecision(db, ref.userId, reused)).rejects.toThrow(/another image/);
    expect(await db.decision.count({ where: { userId: ref.userId, imageId: second } })).toBe(0);
    await expect(submitDecision(db, ref.userId, input({ ...ref, imageId: second }))).resolves.toMatchObject({ created: true });
  });

  it("clamps the client's time to what the server measured since the claim, and stores the server's own", async () => {
    const ref = await claimed();
    await db.assignment.updateMany({ where: { userId: ref.userId }, data: { claimedAt: new Date(Date.now() - 60_000) } });
    const result = await submitDecision(db, ref.userId, { ...input(ref), timeSpentMs: 20 * 3600 * 1000 });
    const stored = await db.decision.findUniqueOrThrow({ where: { id: result.decisionId } });
    expect(stored.serverTimeMs).toBeGreaterThanOrEqual(60_000);
    expect(stored.serverTimeMs).toBeLessThan(120_000);
    expect(stored.timeSpentMs).toBeLessThanOrEqual(stored.serverTimeMs!);
    expect(stored.timeSpentMs).toBeGreaterThanOrEqual(60_000);
  });

  it("lets the author edit later, keeping every version", async () => {
    const ref = await claimed();
    await submitDecision(db, ref.userId, input(ref, { classes: [356] }));
    const edit = await submitDecision(db, ref.userId, input(ref, { classes: [], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [356, 357] }));
    expect(edit.version).toBe(2);
    const revisions = await db.decisionRevision.findMany({ where: { decisionId: edit.decisionId }, orderBy: { version: "asc" } });
    expect(revisions.map((r) => [r.version, r.classes, r.ambiguity])).toEqual([[1, [356], null], [2, [], "SEVERAL_CLASSES_POSSIBLE"]]);
  });

  it("refuses a class (or candidate) the taxonomy lacks, and writes nothing", async () => {
    const ref = await claimed();
    await expect(submitDecision(db, ref.userId, input(ref, { classes: [1000] }))).rejects.toThrow("Class 1000 is not one of the dataset's 1000 classes (indices 0 to 999).");
    await expect(submitDecision(db, ref.userId, input(ref, { classes: [], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [3, 1200] }))).rejects.toThrow("Class 1200 is not one");
    expect(await db.decision.count({ where: { campaignId: ref.campaignId } })).toBe(0);
  });

  it("refuses an image that is not assigned to the user, and writes nothing", async () => {
    const ref = await claimed(2, 1, 2);
    const otherImage = (await claimNextImage(db, ref.others[0]!, ref.campaignId))!.imageId;
    await expect(submitDecision(db, ref.userId, input({ ...ref, imageId: otherImage }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.decision.count({ where: { userId: ref.userId } })).toBe(0);
  });

  it("keeps a submit after the claim expired while nobody else took the slot", async () => {
    const ref = await claimed(1, 1, 1);
    await db.assignment.updateMany({ where: { userId: ref.userId }, data: { status: "EXPIRED" } });
    await db.campaignImage.updateMany({ where: { campaignId: ref.campaignId }, data: { openSlots: 1 } });
    await expect(submitDecision(db, ref.userId, input(ref))).resolves.toMatchObject({ created: true });
    expect((await db.campaignImage.findFirstOrThrow({ where: { campaignId: ref.campaignId } })).openSlots).toBe(0);
  });

  it("refuses clearly when the expired slot went to someone else, keeping the draft", async () => {
    const ref = await claimed(1, 1, 1);
    await saveDraft(db, ref.userId, { ...ref, content: { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "draft" } });
    await db.assignment.updateMany({ where: { userId: ref.userId }, data: { status: "EXPIRED" } });
    await expect(submitDecision(db, ref.userId, input(ref))).rejects.toThrow(/expired/);
    expect(await db.decisionDraft.count({ where: { userId: ref.userId } })).toBe(1);
  });

  it("answers a retry of a saved submit as saved, even once the campaign closed", async () => {
    const ref = await claimed();
    const request = input(ref);
    const first = await submitDecision(db, ref.userId, request);
    await db.campaign.update({ where: { id: ref.campaignId }, data: { status: "CLOSED" } });
    await expect(submitDecision(db, ref.userId, request)).resolves.toEqual({ ...first, created: false });
  });

  it("refuses a submit to a campaign closed mid-session", async () => {
    const ref = await claimed();
    await db.campaign.update({ where: { id: ref.campaignId }, data: { status: "CLOSED" } });
    await expect(submitDecision(db, ref.userId, input(ref))).rejects.toBeInstanceOf(ExpectedError);
    expect(await db.decision.count({ where: { userId: ref.userId } })).toBe(0);
  });
});

describe("a NUL character in a decision", () => {
  it("is refused with an error on the field, and nothing is written", async () => {
    const ref = await claimed();
    const user = { id: ref.userId, email: "a@test.relabel", name: "A", role: "ANNOTATOR" as const };
    const raw = { ...ref, content: { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: ["vo\u0000le"], notes: "a\u0000b" }, requestId: randomUUID(), timeSpentMs: 1, shownClasses: [], shownSources: [] };
    const result = await runAction(user, "labeling:work", submitDecisionSchema, (input, u) => submitDecision(db, u.id, input), raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["content.notes", "content.outsideLabels"]);
    expect(await db.decision.count({ where: { userId: ref.userId } })).toBe(0);
  });
});

describe("decision validation", () => {
  const base = { campaignId: 1, imageId: 1, requestId: randomUUID(), timeSpentMs: 1, shownClasses: [], shownSources: [] };
  it("rejects an empty decision, a negative class, and an ambiguous set of fewer than two", () => {
    const content = { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" };
    expect(submitDecisionSchema.safeParse({ ...base, content }).success).toBe(false);
    expect(submitDecisionSchema.safeParse({ ...base, content: { ...content, classes: [-1] } }).success).toBe(false);
    expect(submitDecisionSchema.safeParse({ ...base, content: { ...content, ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [3] } }).success).toBe(false);
    expect(submitDecisionSchema.safeParse({ ...base, content: { ...content, outsideLabels: ["domestic ferret"] } }).success).toBe(true);
  });
});

describe("saveDraft", () => {
  it("keeps the latest draft of the user's own image only", async () => {
    const ref = await claimed(2, 1, 2);
    const draft = (notes: string) => ({ classes: [3], ambiguity: null, candidateClasses: [], outsideLabels: [], notes });
    await saveDraft(db, ref.userId, { ...ref, content: draft("first") });
    await saveDraft(db, ref.userId, { ...ref, content: draft("second") });
    const stored = await db.decisionDraft.findMany({ where: { userId: ref.userId } });
    expect(stored.map((d) => (d.payload as { notes: string }).notes)).toEqual(["second"]);
    await expect(saveDraft(db, ref.others[0]!, { ...ref, content: draft("intruder") })).rejects.toBeInstanceOf(NotFoundError);
  });
});
