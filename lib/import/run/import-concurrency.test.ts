import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { findImportKind } from "@/lib/import/kinds";
import { seedClasses, seedDataset } from "@/lib/testing/factories";

/*
 * Two imports of the same source at the same moment, each on its own connection as two workers
 * would run them. The source row's lock serializes them: both finish, one after the other, and
 * the source then holds exactly one import's rows — never both, never a mix.
 */
const url = process.env.DATABASE_URL!;
const db = createDb(url);
const work = mkdtempSync(path.join(tmpdir(), "relabel-concurrent-import-"));
let dataset = "";
let datasetId = 0;

const file = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
/** A flaws-style CSV giving every image of 1..count the class `label`. */
function csv(name: string, count: number, label: number): string {
  const rows = Array.from({ length: count }, (_, i) => `${file(i + 1)},A,${label},${label},True`);
  const target = path.join(work, name);
  writeFileSync(target, ["id,category,original_label,proposed_labels,manually_validated", ...rows].join("\n"));
  return target;
}

async function storedRows(source: string) {
  return db.sourceLabel.findMany({ where: { source: { datasetId, name: source } }, select: { image: { select: { fileNumber: true } }, classes: true }, orderBy: { imageId: "asc" } });
}

beforeAll(async () => {
  await seedClasses(db, 1000);
  const seeded = await seedDataset(db, 40);
  datasetId = seeded.datasetId;
  ({ slug: dataset } = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } }));
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await db.$disconnect();
});

describe("concurrency: imports of one source", () => {
  const kind = findImportKind("flaws-csv")!;

  it("the same file imported twice at once is stored once", async () => {
    const same = csv("same.csv", 40, 7);
    const results = await Promise.allSettled([kind.run({ url, dataset }, same, { name: "twice" }), kind.run({ url, dataset }, same, { name: "twice" })]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await db.labelSource.count({ where: { datasetId, name: "twice" } })).toBe(1);
    const rows = await storedRows("twice");
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.image.fileNumber)).size).toBe(40);
  });

  it("two versions imported at once leave exactly one version, whole", async () => {
    const first = csv("first.csv", 40, 11);
    const second = csv("second.csv", 25, 12);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([kind.run({ url, dataset }, first, { name: "versions" }), kind.run({ url, dataset }, second, { name: "versions" })]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      const rows = await storedRows("versions");
      const labels = new Set(rows.flatMap((r) => r.classes));
      expect(labels.size).toBe(1);
      expect(rows).toHaveLength(labels.has(11) ? 40 : 25);
    }
  });
});
