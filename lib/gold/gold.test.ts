import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { holdImages } from "@/lib/campaigns/queue";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { getCampaignProgress } from "@/lib/data/campaign-progress";
import { getLabelingItem } from "@/lib/data/labeling";
import { db } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { markGoldAnswers, markGoldFromSource, unmarkGold } from "@/lib/gold/mark";
import { setMemberPaused } from "@/lib/gold/pause";
import { getGoldReport } from "@/lib/gold/report";
import { seedCampaign, seedClasses, seedDataset, seedUser, seedVerdicts } from "@/lib/testing/factories";
import { markGoldSchema, memberPauseSchema, unmarkGoldSchema } from "@/lib/validation/gold";

afterAll(() => db.$disconnect());

const label = (userId: number, campaignId: number, imageId: number, classes: number[]) =>
  submitDecision(db, userId, {
    campaignId, imageId, requestId: randomUUID(), timeSpentMs: 1, shownClasses: [], shownSources: [],
    content: { classes, ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" },
  });

/** 10 images; ReaL and the original agree on images 0–3 (class = index), disagree on 4. */
async function datasetWithStudies() {
  await seedClasses(db);
  const { datasetId, imageIds } = await seedDataset(db, 10);
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", imageIds.slice(0, 5).map((id, i) => [id, [i]]));
  await seedVerdicts(db, datasetId, "real", "STUDY", imageIds.slice(0, 5).map((id, i) => [id, i === 4 ? [9] : [i]]));
  return { datasetId, imageIds };
}

describe("gold images", () => {
  it("marks the images where two sources agree, with the first source's set as answer", async () => {
    const { datasetId, imageIds } = await datasetWithStudies();
    expect(await markGoldFromSource(db, { datasetId, source: "real", agreesWith: "original", createdById: null })).toEqual({ marked: 4 });
    const gold = await db.goldAnswer.findMany({ where: { image: { datasetId } }, orderBy: { imageId: "asc" } });
    expect(gold.map((g) => [g.imageId, g.classes, g.origin])).toEqual(imageIds.slice(0, 4).map((id, i) => [id, [i], "source:real"]));
    await expect(markGoldFromSource(db, { datasetId, source: "nope", createdById: null })).rejects.toThrow('No label source "nope"');
    await expect(markGoldAnswers(db, { datasetId, entries: [{ fileKey: "missing.JPEG", outcome: { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: [] } }], createdById: null })).rejects.toThrow("Nothing was marked");
  });

  it("gives every member each gold image once, scores them, auto-pauses below the threshold and keeps gold out of the consensus", async () => {
    const { datasetId, imageIds } = await datasetWithStudies();
    await markGoldFromSource(db, { datasetId, source: "real", agreesWith: "original", createdById: null });
    const [good, bad] = [await seedUser(db), await seedUser(db)];
    // 6 regular images, k = 1; share 0.4 of the queue → 4 gold images beside them.
    const campaignId = await seedCampaign(db, {
      datasetId, imageIds: imageIds.slice(4), memberIds: [good.id, bad.id], annotatorsPerImage: 1,
      gold: { share: 0.4, pauseBelow: 0.5, minAnswers: 2 },
    });
    const goldIds = new Set(imageIds.slice(0, 4));
    expect(await db.campaignImage.count({ where: { campaignId, gold: true } })).toBe(4);

    // Each member can hold all 4 gold images (their slots are never used up) and shares the 6 regular ones.
    const goodHeld = (await holdImages(db, good.id, campaignId, 10)).map((claim) => claim.imageId);
    expect(goodHeld).toHaveLength(10);
    const badHeld = (await holdImages(db, bad.id, campaignId, 10)).map((claim) => claim.imageId);
    expect(new Set(badHeld)).toEqual(goldIds);

    // The workbench payload of a gold image has exactly the shape of a regular one's (image 4: as many verdicts).
    const regularId = imageIds[4]!;
    const goldId = goodHeld.find((id) => goldIds.has(id))!;
    // Keys and value types, lists by their element's shape (how many candidates an image has is its content, not its kind).
    const shape = (value: unknown): unknown =>
      Array.isArray(value) ? value.slice(0, 1).map(shape) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;
    const regularItem = await getLabelingItem(good.id, campaignId, regularId);
    const goldItem = await getLabelingItem(good.id, campaignId, goldId);
    expect(shape(goldItem)).toEqual(shape(regularItem));
    expect(JSON.stringify(goldItem).toLowerCase()).not.toContain("gold");

    const answerOf = (imageId: number) => imageIds.indexOf(imageId);
    for (const imageId of goodHeld) await label(good.id, campaignId, imageId, [answerOf(imageId)]);
    // The bad member misses the first two gold images: paused after its second gold answer.
    const [first, second, third] = badHeld;
    await label(bad.id, campaignId, first!, [500]);
    await label(bad.id, campaignId, second!, [answerOf(second!), 501]);
    expect((await db.campaignMember.findUniqueOrThrow({ where: { campaignId_userId: { campaignId, userId: bad.id } } })).pausedReason).toContain("below 50%");
    // Images already held may still be submitted; nothing new is claimed.
    await expect(holdImages(db, bad.id, campaignId, 10)).resolves.toHaveLength(2);
    await label(bad.id, campaignId, third!, [answerOf(third!)]);
    await label(bad.id, campaignId, badHeld[3]!, [answerOf(badHeld[3]!)]);
    await expect(holdImages(db, bad.id, campaignId, 10)).rejects.toThrow("paused");

    const report = (await getGoldReport(db, campaignId))!;
    expect(report).toMatchObject({ goldImages: 4, goldShare: 0.4, pauseBelow: 0.5, minAnswers: 2 });
    const [worst, best] = report.annotators;
    expect(worst).toMatchObject({ userId: bad.id, answers: 4, exact: 2 / 4, paused: true });
    expect(worst!.jaccard).toBeCloseTo((0 + 0.5 + 1 + 1) / 4);
    expect(worst!.missed.map((miss) => miss.imageId)).toEqual([first, second]);
    expect(best).toMatchObject({ userId: good.id, answers: 4, exact: 1, jaccard: 1, paused: false, missed: [] });

    // Consensus: the 6 regular images only, though gold images got two decisions each.
    const summary = await recomputeCampaign(db, campaignId);
    expect(summary.images).toBe(6);
    expect(await db.consensus.count({ where: { campaignId, imageId: { in: [...goldIds] } } })).toBe(0);

    // Resumed: nothing left for them (gold done, regular images taken by the other member); the auto-pause does not strike again until a new gold answer.
    await setMemberPaused(db, { campaignId, userId: bad.id, paused: false, adminId: null });
    await expect(holdImages(db, bad.id, campaignId, 10)).resolves.toHaveLength(0);
    await expect(setMemberPaused(db, { campaignId, userId: 999_999, paused: true, adminId: null })).rejects.toThrow("not found");
  });

  it("counts gold images apart in the campaign's progress: never 'left', while members' own counts include their answers", async () => {
    const { datasetId, imageIds } = await datasetWithStudies();
    await markGoldFromSource(db, { datasetId, source: "real", agreesWith: "original", createdById: null });
    const member = await seedUser(db);
    const campaignId = await seedCampaign(db, { datasetId, imageIds: imageIds.slice(4), memberIds: [member.id], annotatorsPerImage: 1, gold: { share: 0.4, pauseBelow: 0, minAnswers: 1 } });
    const gold = await db.campaignImage.findMany({ where: { campaignId, gold: true }, select: { imageId: true } });
    expect(gold.length).toBeGreaterThan(0);
    expect(await getCampaignProgress(campaignId)).toMatchObject({ images: 6, goldImages: gold.length, done: 0, inProgress: 0, left: 6 });

    // Label every gold image and one regular image: only the regular one moves the campaign on.
    const held = (await holdImages(db, member.id, campaignId, 20)).map((claim) => claim.imageId);
    const goldIds = new Set(gold.map((g) => g.imageId));
    const regular = held.find((id) => !goldIds.has(id))!;
    for (const imageId of [...goldIds, regular]) await label(member.id, campaignId, imageId, [1]);
    const progress = await getCampaignProgress(campaignId);
    expect(progress).toMatchObject({ images: 6, goldImages: gold.length, done: 1, inProgress: 5, left: 0 });
    expect(progress!.annotators[0]!.submitted).toBe(gold.length + 1);
  });

  it("unmarks a gold image once; an image that is not gold is not found and audits nothing", async () => {
    const { datasetId, imageIds } = await datasetWithStudies();
    const outcome = { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: [] };
    const [image] = await db.image.findMany({ where: { id: imageIds[0] }, select: { fileKey: true } });
    await markGoldAnswers(db, { datasetId, entries: [{ fileKey: image!.fileKey, outcome }], createdById: null });
    await unmarkGold(db, imageIds[0]!, null);
    expect(await db.goldAnswer.count({ where: { imageId: imageIds[0] } })).toBe(0);
    // It used to answer ok and write a "gold.unmark" audit row for an unmark that unmarked nothing.
    const audits = await db.auditLog.count();
    await expect(unmarkGold(db, imageIds[0]!, null)).rejects.toThrow("That image's gold answer was not found.");
    await expect(unmarkGold(db, 2_147_483_000, null)).rejects.toThrow("was not found.");
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("leaves a typed answer's classes to the taxonomy: the form's schema takes any index, marking refuses one the dataset lacks", async () => {
    const { datasetId, imageIds } = await datasetWithStudies();
    const typed = markGoldSchema.parse({ imageId: imageIds[0], classes: [1000] });
    const [image] = await db.image.findMany({ where: { id: imageIds[0] }, select: { fileKey: true } });
    const outcome = { classes: typed.classes, ambiguity: null, candidateClasses: [], outsideLabels: [] };
    await expect(markGoldAnswers(db, { datasetId, entries: [{ fileKey: image!.fileKey, outcome }], createdById: null })).rejects.toThrow("Class 1000 is not one of the dataset's 1000 classes");
    expect(await db.goldAnswer.count({ where: { imageId: imageIds[0] } })).toBe(0);
  });

  it("takes a typed answer that is ambiguous or outside ImageNet, under the decision's rules, and stores it as given", async () => {
    const { datasetId, imageIds } = await datasetWithStudies();
    const images = await db.image.findMany({ where: { id: { in: imageIds.slice(0, 2) } }, select: { id: true, fileKey: true }, orderBy: { id: "asc" } });
    const several = markGoldSchema.parse({ imageId: images[0]!.id, ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [3, 2] });
    const outside = markGoldSchema.parse({ imageId: images[1]!.id, outsideLabels: ["Vole "] });
    for (const [image, { imageId: _imageId, ...outcome }] of [[images[0]!, several], [images[1]!, outside]] as const) {
      await markGoldAnswers(db, { datasetId, entries: [{ fileKey: image.fileKey, outcome }], createdById: null });
    }
    const stored = await db.goldAnswer.findMany({ where: { imageId: { in: images.map((image) => image.id) } }, orderBy: { imageId: "asc" }, select: { classes: true, ambiguity: true, candidateClasses: true, outsideLabels: true } });
    expect(stored).toEqual([
      { classes: [], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [2, 3], outsideLabels: [] },
      { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: ["vole"] },
    ]);
    // The rules a decision follows, each refusal beside its field; nothing is the one outcome no decision may have.
    const refused = (input: object) => markGoldSchema.safeParse({ imageId: images[0]!.id, ...input }).error?.issues.map((issue) => issue.path.join("."));
    expect(refused({})).toEqual(["classes"]);
    expect(refused({ ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [2] })).toEqual(["candidateClasses"]);
    expect(refused({ ambiguity: "UNSURE" })).toEqual(["ambiguity"]);
    expect(refused({ outsideLabels: ["a\u0000b"] })).toEqual(["outsideLabels.0"]);
  });

  it("refuses ids past PostgreSQL's integer in the gold forms (they failed as 'went wrong' in the database)", () => {
    const tooBig = 2_147_483_648;
    expect(markGoldSchema.safeParse({ imageId: tooBig, classes: [1] }).success).toBe(false);
    expect(unmarkGoldSchema.safeParse({ imageId: tooBig }).success).toBe(false);
    expect(memberPauseSchema.safeParse({ campaignId: tooBig, userId: 1, paused: true }).success).toBe(false);
    expect(memberPauseSchema.safeParse({ campaignId: 1, userId: tooBig, paused: true }).success).toBe(false);
    expect(memberPauseSchema.safeParse({ campaignId: 2_147_483_647, userId: 1, paused: true }).success).toBe(true);
  });
});
