import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importDuplicateList } from "@/lib/duplicates/import-list";
import { scanImageHashes } from "@/lib/duplicates/scan";
import { groupDuplicates, listGroupSummaries } from "@/lib/duplicates/store-groups";
import { syntheticPicture as picture } from "@/lib/testing/duplicate-fixtures";

afterAll(() => db.$disconnect());

/** A dataset whose image root holds real files: a, its mirror, an unrelated picture, a broken file. */
async function datasetWithFiles() {
  const root = await mkdtemp(path.join(tmpdir(), "relabel-scan-"));
  const a = await picture(3);
  const files: Record<string, Buffer> = {
    "ILSVRC2012_val_00000001.JPEG": a,
    "derived-mirror-of-ILSVRC2012_val_00000001.JPEG": await sharp(a).flop().jpeg({ quality: 92 }).toBuffer(),
    "ILSVRC2012_val_00000002.JPEG": await picture(11),
    "ILSVRC2012_val_00000003.JPEG": Buffer.concat([a.subarray(0, 200), Buffer.alloc(50)]),
  };
  const slug = `scan-${path.basename(root)}`;
  const dataset = await db.dataset.create({ data: { slug, name: "Scan test", imageRoot: root } });
  for (const [name, bytes] of Object.entries(files)) {
    await writeFile(path.join(root, name), bytes);
    await db.image.create({ data: { datasetId: dataset.id, fileKey: name, storagePath: name, split: "VAL", bytes: bytes.length } });
  }
  return { slug, root, datasetId: dataset.id };
}

describe("scanImageHashes", () => {
  it("reports an undecodable file per image, goes on, and a rerun skips what is hashed", async () => {
    const { slug, datasetId } = await datasetWithFiles();
    const first = await scanImageHashes(db, { dataset: slug, batchSize: 2 });
    expect(first).toMatchObject({ images: 4, hashed: 3 });
    expect(first.failed.map((f) => f.file)).toEqual(["ILSVRC2012_val_00000003.JPEG"]);
    const broken = await db.image.findFirstOrThrow({ where: { datasetId, fileKey: "ILSVRC2012_val_00000003.JPEG" } });
    expect(broken.hashError).toBeTruthy();
    expect(broken.phash).toBeNull();
    const again = await scanImageHashes(db, { dataset: slug });
    expect(again).toMatchObject({ images: 4, hashed: 0, failed: [] });
  });

  it("resumes after being stopped: the batches stored before the stop are not hashed again", async () => {
    const { slug, datasetId } = await datasetWithFiles();
    const controller = new AbortController();
    await expect(
      scanImageHashes(db, { dataset: slug, batchSize: 1 }, { signal: controller.signal, onProgress: ({ done }) => done === 2 && controller.abort() }),
    ).rejects.toThrow();
    expect(await db.image.count({ where: { datasetId, hashedAt: { not: null } } })).toBe(2);
    const rest = await scanImageHashes(db, { dataset: slug, batchSize: 1 });
    expect(rest.hashed + rest.failed.length).toBe(2);
    expect(await db.image.count({ where: { datasetId, hashedAt: null } })).toBe(0);
  });
});

describe("groupDuplicates", () => {
  it("groups a mirrored copy with its original and keeps a reviewed group through a rescan", async () => {
    const { slug } = await datasetWithFiles();
    await scanImageHashes(db, { dataset: slug });
    const groups = await groupDuplicates(db, { dataset: slug, threshold: 10 });
    expect(groups.map((g) => [g.kind, g.members.sort()])).toEqual([
      ["near", ["ILSVRC2012_val_00000001.JPEG", "derived-mirror-of-ILSVRC2012_val_00000001.JPEG"]],
    ]);
    await db.duplicateGroup.update({ where: { id: groups[0]!.id }, data: { verdict: "AUGMENTATION" } });
    expect(await groupDuplicates(db, { dataset: slug, threshold: 10 })).toEqual([]);
    expect((await listGroupSummaries(db, slug)).map((g) => g.id)).toEqual([groups[0]!.id]);
    await expect(groupDuplicates(db, { dataset: slug, threshold: 65 })).rejects.toThrow(/0 to 64/);
  });
});

describe("importDuplicateList", () => {
  it("imports groups and pairs, and refuses a list naming an unknown file by its line, writing nothing", async () => {
    const { slug, root, datasetId } = await datasetWithFiles();
    const groupsCsv = path.join(root, "groups.csv");
    await writeFile(groupsCsv, "group,file\ng1,ILSVRC2012_val_00000001.JPEG\ng1,ILSVRC2012_val_00000002.JPEG\n");
    expect(await importDuplicateList(db, { dataset: slug, file: groupsCsv })).toBe(1);
    const pairsCsv = path.join(root, "pairs.csv");
    await writeFile(pairsCsv, "file_a,file_b,kind\nILSVRC2012_val_00000001.JPEG,ILSVRC2012_val_00000003.JPEG,exact\n");
    expect(await importDuplicateList(db, { dataset: slug, file: pairsCsv })).toBe(1);
    const stored = await db.duplicateGroup.findMany({ where: { datasetId }, orderBy: { id: "asc" }, select: { kind: true, origin: true } });
    expect(stored).toEqual([{ kind: "imported", origin: "groups.csv" }, { kind: "imported", origin: "pairs.csv (exact)" }]);

    const bad = path.join(root, "bad.csv");
    await writeFile(bad, "file_a,file_b,kind\nILSVRC2012_val_00000001.JPEG,ILSVRC2012_val_00000002.JPEG,near\nILSVRC2012_val_00000001.JPEG,nope.JPEG,near\n");
    await expect(importDuplicateList(db, { dataset: slug, file: bad })).rejects.toThrow(/bad\.csv \(line 3\): No image "nope\.JPEG"/);
    const header = path.join(root, "header.csv");
    await writeFile(header, "a,b\nx,y\n");
    await expect(importDuplicateList(db, { dataset: slug, file: header })).rejects.toThrow(/Expected a header/);
    expect(await db.duplicateGroup.count({ where: { datasetId } })).toBe(2);
  });
});
