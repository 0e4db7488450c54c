import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { importDecisions } from "@/lib/decisions/import-decisions";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

let campaignId: number;
let imageIds: number[];
let annotator: { id: number; email: string };
const file = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
const jsonl = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join("\n");

beforeAll(async () => {
  await seedClasses(db);
  const dataset = await seedDataset(db, 5);
  imageIds = dataset.imageIds;
  annotator = await seedUser(db);
  campaignId = await seedCampaign(db, { datasetId: dataset.datasetId, imageIds: imageIds.slice(0, 4), memberIds: [annotator.id], annotatorsPerImage: 2 });
});

async function decisionCount() {
  return db.decision.count({ where: { campaignId } });
}

async function refusal(text: string, options = {}): Promise<string> {
  const before = await decisionCount();
  const users = await db.user.count();
  const error = await importDecisions(db, campaignId, text, options).then(() => null, (e: Error) => e);
  expect(error?.name).toBe("ExpectedError");
  expect(await decisionCount()).toBe(before);
  expect(await db.user.count()).toBe(users);
  return error!.message;
}

describe("decisions import: refusals name the line and write nothing", () => {
  it("an unknown file name", async () => {
    const message = await refusal(jsonl({ file: file(1), annotator: annotator.email, classes: [1] }, { file: "nope.JPEG", annotator: annotator.email, classes: [1] }));
    expect(message).toContain('line 2: unknown file name "nope.JPEG"');
  });

  it("a file of the dataset outside the campaign", async () => {
    expect(await refusal(jsonl({ file: file(5), annotator: annotator.email, classes: [1] }))).toContain(`line 1: "${file(5)}" is not in campaign ${campaignId}`);
  });

  it("a second line for the same (file, annotator)", async () => {
    const message = await refusal(jsonl({ file: file(1), annotator: annotator.email, classes: [1] }, { file: file(2), annotator: annotator.email, classes: [1] }, { file: file(1), annotator: annotator.email.toUpperCase(), classes: [2] }));
    expect(message).toContain(`line 3: a second decision by ${annotator.email} on "${file(1)}" (first on line 1)`);
  });

  it("an invalid ambiguity reason, and several candidates missing for SEVERAL_CLASSES_POSSIBLE", async () => {
    const message = await refusal(jsonl(
      { file: file(1), annotator: annotator.email, classes: [], ambiguity: "FOGGY" },
      { file: file(2), annotator: annotator.email, classes: [], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [3] },
    ));
    expect(message).toMatch(/line 1: ambiguity: .*BLURRY/);
    expect(message).toContain("line 2: candidateClasses: Pick the classes that are possible (at least two).");
  });

  it("a class the taxonomy lacks is refused with the file checks, naming its line", async () => {
    const message = await refusal(jsonl({ file: file(1), annotator: annotator.email, classes: [3, 1000] }));
    expect(message).toContain("line 1: class 1000 is not one of the dataset's 1000 classes");
  });

  it("a negative class, an empty decision, bad JSON and a bad date — all reported at once", async () => {
    const message = await refusal([
      JSON.stringify({ file: file(1), annotator: annotator.email, classes: [-1] }),
      JSON.stringify({ file: file(2), annotator: annotator.email, classes: [] }),
      "{not json",
      JSON.stringify({ file: file(3), annotator: annotator.email, classes: [1], createdAt: "yesterday" }),
    ].join("\n"));
    expect(message).toContain("line 1: classes.0: A class index is not negative.");
    expect(message).toContain("line 2: classes: Choose at least one class");
    expect(message).toContain("line 3: not valid JSON");
    expect(message).toContain("line 4: createdAt: A time is an ISO 8601 date-time");
  });

  it("an unknown e-mail without --create-users", async () => {
    expect(await refusal(jsonl({ file: file(1), annotator: "stranger@example.org", classes: [1] }))).toContain("line 1: unknown user stranger@example.org (pass --create-users");
  });
});

describe("decisions import: writing", () => {
  it("creates unknown annotators inactive, keeps every field, and closes their queue slots", async () => {
    const result = await importDecisions(db, campaignId, jsonl(
      { file: file(1), annotator: "New.Expert@Example.org", classes: [3, 1], notes: "two animals", timeSpentMs: 5000, createdAt: "2025-05-01T10:00:00.000Z" },
      { file: file(1), annotator: annotator.email, classes: [], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [4, 2], outsideLabels: ["Domestic Ferret"] },
    ), { createUsers: true });
    expect(result).toEqual({ campaign: campaignId, decisions: 2, revisions: 2, usersCreated: 1, skipped: 0 });
    const created = await db.user.findUniqueOrThrow({ where: { email: "new.expert@example.org" }, select: { active: true, role: true } });
    expect(created).toEqual({ active: false, role: "ANNOTATOR" });
    const stored = await db.decision.findMany({ where: { campaignId, imageId: imageIds[0] }, orderBy: { id: "asc" }, include: { revisions: true } });
    expect(stored.map((d) => [d.classes, d.ambiguity, d.candidateClasses, d.outsideLabels, d.notes, d.timeSpentMs, d.version])).toEqual([
      [[1, 3], null, [], [], "two animals", 5000, 1],
      [[], "SEVERAL_CLASSES_POSSIBLE", [2, 4], ["domestic ferret"], "", null, 1],
    ]);
    expect(stored[0]!.createdAt.toISOString()).toBe("2025-05-01T10:00:00.000Z");
    expect(stored[0]!.revisions).toEqual([expect.objectContaining({ version: 1, classes: [1, 3], notes: "two animals" })]);
    const slot = await db.campaignImage.findUniqueOrThrow({ where: { campaignId_imageId: { campaignId, imageId: imageIds[0]! } } });
    expect(slot.openSlots).toBe(0);
    expect(await db.assignment.count({ where: { campaignId, imageId: imageIds[0], status: "SUBMITTED" } })).toBe(2);
  });

  it("refuses to import a decision the annotator already has in the campaign", async () => {
    expect(await refusal(jsonl({ file: file(1), annotator: annotator.email, classes: [8] }))).toContain(`line 1: ${annotator.email} already has a decision on "${file(1)}"`);
  });
});
