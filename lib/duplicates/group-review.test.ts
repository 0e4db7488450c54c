import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyLabelToGroup, excludeGroupMembers, setGroupVerdict } from "@/lib/duplicates/group-review";
import { seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

async function groupOfThree() {
  await seedClasses(db);
  const { datasetId, imageIds } = await seedDataset(db, 3);
  const group = await db.duplicateGroup.create({ data: { datasetId, kind: "near", members: { create: imageIds.map((imageId) => ({ imageId })) } } });
  const reviewer = await seedUser(db, "REVIEWER");
  return { groupId: group.id, imageIds, reviewerId: reviewer.id };
}

const noneSeen = (ids: number[]) => Object.fromEntries(ids.map((id) => [String(id), null]));

describe("applyLabelToGroup", () => {
  it("resolves every member with one revision each, by the reviewer, with the method duplicate-group", async () => {
    const { groupId, imageIds, reviewerId } = await groupOfThree();
    await db.consensus.create({ data: { imageId: imageIds[0]!, status: "AGREED", classes: [4], method: "majority:2", version: 3 } });
    const seen = { ...noneSeen(imageIds), [imageIds[0]!]: 3 };
    expect(await applyLabelToGroup(db, reviewerId, { groupId, classes: [7, 2, 7], note: "", seenVersions: seen })).toEqual({ changed: 3 });
    const rows = await db.consensus.findMany({ where: { imageId: { in: imageIds } }, orderBy: { imageId: "asc" }, include: { revisions: true } });
    expect(rows.map((r) => [r.status, r.classes, r.method, r.resolvedById, r.version, r.revisions.length])).toEqual([
      ["RESOLVED", [2, 7], "duplicate-group", reviewerId, 4, 1],
      ["RESOLVED", [2, 7], "duplicate-group", reviewerId, 1, 1],
      ["RESOLVED", [2, 7], "duplicate-group", reviewerId, 1, 1],
    ]);
    expect(rows[0]!.revisions[0]).toMatchObject({ version: 4, reviewerId, status: "RESOLVED" });
  });

  it("refuses the whole change when one member changed after the reviewer opened the group", async () => {
    const { groupId, imageIds, reviewerId } = await groupOfThree();
    const seen = noneSeen(imageIds);
    // Another reviewer resolves the last member in the meantime.
    await db.consensus.create({ data: { imageId: imageIds[2]!, status: "RESOLVED", classes: [9], method: "reviewer", version: 1 } });
    await expect(applyLabelToGroup(db, reviewerId, { groupId, classes: [1], note: "", seenVersions: seen })).rejects.toThrow(
      /ILSVRC2012_val_00000003\.JPEG was changed by someone else.*nothing was applied/,
    );
    const rows = await db.consensus.findMany({ where: { imageId: { in: imageIds } }, select: { imageId: true, classes: true } });
    expect(rows).toEqual([{ imageId: imageIds[2]!, classes: [9] }]);
    expect(await db.consensusRevision.count({ where: { consensus: { imageId: { in: imageIds } } } })).toBe(0);
  });

  it("refuses a class the dataset's taxonomy lacks, before writing anything", async () => {
    const { groupId, imageIds, reviewerId } = await groupOfThree();
    await expect(applyLabelToGroup(db, reviewerId, { groupId, classes: [3, 1000], note: "", seenVersions: noneSeen(imageIds) })).rejects.toThrow(
      "Class 1000 is not one of the dataset's 1000 classes",
    );
    expect(await db.consensus.count({ where: { imageId: { in: imageIds } } })).toBe(0);
  });

  it("answers not found for a group that does not exist", async () => {
    const { reviewerId } = await groupOfThree();
    await expect(applyLabelToGroup(db, reviewerId, { groupId: 999_999, classes: [1], note: "", seenVersions: {} })).rejects.toThrow(/not found/);
  });
});

describe("excludeGroupMembers and setGroupVerdict", () => {
  it("excludes the chosen members for being duplicates and records the verdict with who and when", async () => {
    const { groupId, imageIds, reviewerId } = await groupOfThree();
    await excludeGroupMembers(db, reviewerId, { groupId, imageIds: [imageIds[1]!], seenVersions: noneSeen(imageIds) });
    const rows = await db.consensus.findMany({ where: { imageId: { in: imageIds } }, select: { imageId: true, status: true, excludeReason: true } });
    expect(rows).toEqual([{ imageId: imageIds[1]!, status: "EXCLUDED", excludeReason: "duplicate" }]);
    await expect(excludeGroupMembers(db, reviewerId, { groupId, imageIds: [123_456_789], seenVersions: {} })).rejects.toThrow(/not found/);

    await setGroupVerdict(db, reviewerId, groupId, "AUGMENTATION");
    const group = await db.duplicateGroup.findUniqueOrThrow({ where: { id: groupId } });
    expect(group).toMatchObject({ verdict: "AUGMENTATION", reviewedById: reviewerId });
    expect(group.reviewedAt).toBeInstanceOf(Date);
  });
});
