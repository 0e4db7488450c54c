import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { evaluationDataVersion } from "@/lib/evaluation/stored-evaluation";
import { seedCampaign, seedClasses, seedDataset, seedPredictions, seedUser, seedVerdicts } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

let datasetId: number;
let imageIds: number[];
let otherId: number;

beforeAll(async () => {
  await seedClasses(db, 10);
  ({ datasetId, imageIds } = await seedDataset(db, 2));
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", [[imageIds[0]!, [1]], [imageIds[1]!, [2]]]);
  otherId = (await seedDataset(db, 1)).datasetId;
});

/** Runs a change and tells whether the dataset's version moved. */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await evaluationDataVersion(db, datasetId);
  await change();
  return (await evaluationDataVersion(db, datasetId)) !== before;
}

describe("evaluationDataVersion", () => {
  it("moves with every input of the table: a model, a consensus row, duplicate groups and their verdicts, class groups", async () => {
    expect(await moves(() => seedPredictions(db, datasetId, "m", [[imageIds[0]!, [1]]]))).toBe(true);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [(await seedUser(db)).id] });
    expect(await moves(() => db.consensus.create({ data: { imageId: imageIds[0]!, campaignId, status: "AGREED", classes: [1], method: "unanimous" } }))).toBe(true);
    expect(await moves(() => db.consensus.updateMany({ where: { campaignId }, data: { classes: [2], updatedAt: new Date(Date.now() + 1000) } }))).toBe(true);
    const group = await db.duplicateGroup.create({ data: { datasetId, kind: "exact", members: { create: [{ imageId: imageIds[0]! }, { imageId: imageIds[1]! }] } } });
    expect(await moves(() => db.duplicateGroup.update({ where: { id: group.id }, data: { verdict: "NOT_DUPLICATE", reviewedAt: new Date() } }))).toBe(true);
    expect(await moves(() => db.duplicateMember.deleteMany({ where: { groupId: group.id, imageId: imageIds[1]! } }))).toBe(true);
    expect(await moves(() => db.classGroup.create({ data: { codes: [5], origin: "test", members: { create: [{ classIndex: 1 }, { classIndex: 2 }] } } }))).toBe(true);
  });

  it("stays put for another dataset's changes and for reading", async () => {
    expect(await moves(() => seedPredictions(db, otherId, "elsewhere", []))).toBe(false);
    expect(await moves(() => evaluationDataVersion(db, datasetId))).toBe(false);
  });
});
