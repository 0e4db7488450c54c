import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectImageIds } from "@/lib/campaigns/select-images";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { seedClasses, seedDataset } from "@/lib/testing/factories";
import type { Selection } from "@/lib/validation/campaign";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

let datasetId: number;
let ids: number[];

/** Six images (index 0..5) with original classes 10 10 20 20 30 30; "real" and "study" label some of them. */
beforeAll(async () => {
  await seedClasses(db);
  ({ datasetId, imageIds: ids } = await seedDataset(db, 6));
  await db.image.updateMany({ where: { id: { in: ids.slice(0, 4) } }, data: { bytes: 1000 } });
  const source = (name: string, kind: "ORIGINAL" | "STUDY") => db.labelSource.create({ data: { datasetId, name, kind, title: name } });
  const [original, real, study] = await Promise.all([source("original", "ORIGINAL"), source("real", "STUDY"), source("study", "STUDY")]);
  const label = (sourceId: number, index: number, classes: number[], status: "LABELED" | "NONE_FIT" = "LABELED") => ({ sourceId, imageId: ids[index]!, classes, status });
  await db.sourceLabel.createMany({
    data: [
      ...[10, 10, 20, 20, 30, 30].map((cls, i) => label(original.id, i, [cls])),
      label(real.id, 0, [10]), //            agrees with the study
      label(real.id, 1, [11, 10]), //        same set as the study, listed in another order
      label(real.id, 2, [21]), //            original outside ReaL; disagrees with the study
      label(real.id, 3, [], "NONE_FIT"), //  agrees with the study: no class fits
      label(study.id, 0, [10]),
      label(study.id, 1, [10, 11]),
      label(study.id, 2, [20]),
      label(study.id, 3, [], "NONE_FIT"),
      label(study.id, 4, [31]),
    ],
  });
});

const select = (selection: Partial<Selection> & Pick<Selection, "rule">) => selectImageIds(db, datasetId, { withPixels: false, ...selection });

describe("selectImageIds", () => {
  it("finds images where sources disagree, comparing label sets and statuses", async () => {
    expect(await select({ rule: { kind: "disagreement", sources: ["real", "study"] } })).toEqual([ids[2]]);
    // With the original label, images 1 ({10} vs {10, 11}), 3 (20 vs none fits) and 4 (30 vs 31) disagree too; 5 has one source only.
    expect(await select({ rule: { kind: "disagreement", sources: ["original", "real", "study"] } })).toEqual([ids[1], ids[2], ids[3], ids[4]]);
  });

  it("finds images whose original label is outside a study's set (empty verdicts do not count)", async () => {
    expect(await select({ rule: { kind: "original-outside", source: "real" } })).toEqual([ids[2]]);
    expect(await select({ rule: { kind: "original-outside", source: "study" } })).toEqual([ids[4]]);
  });

  it("selects by original class, list and split, narrowed to images with pixels, and samples", async () => {
    expect(await select({ rule: { kind: "classes", classes: [20, 30] } })).toEqual(ids.slice(2));
    expect(await select({ rule: { kind: "classes", classes: [20, 30] }, withPixels: true })).toEqual(ids.slice(2, 4));
    expect(await select({ rule: { kind: "list", fileKeys: ["ILSVRC2012_val_00000002.JPEG", "missing.JPEG"] } })).toEqual([ids[1]]);
    expect(await select({ rule: { kind: "split", split: "TRAIN" } })).toEqual([]);
    const sample = await select({ rule: { kind: "all" }, sample: 3 });
    expect(sample).toHaveLength(3);
    expect(sample.every((id) => ids.includes(id))).toBe(true);
  });

  it("takes the N most suspect images, optionally of some original classes", async () => {
    // Image 3: both studies find no fitting class (score 3); image 4: its one study has 31, not 30 (3);
    // image 2: one study of two leaves 20 out and they disagree (2.5); the rest agree with the original.
    expect(await select({ rule: { kind: "most-suspect", count: 2, classes: [] } })).toEqual([ids[3], ids[4]]);
    expect(await select({ rule: { kind: "most-suspect", count: 1, classes: [20] } })).toEqual([ids[3]]);
    expect(await select({ rule: { kind: "most-suspect", count: 5, classes: [20] } })).toEqual([ids[2], ids[3]]);
  });

  it("names an unknown source clearly", async () => {
    await expect(select({ rule: { kind: "original-outside", source: "nope" } })).rejects.toThrow(ExpectedError);
  });
});
