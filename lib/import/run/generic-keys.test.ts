import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ImportError } from "@/lib/import/import-error";
import type { ImportContext } from "@/lib/import/run/context";
import { importOriginalLabels } from "@/lib/import/run/label-imports";
import { importPredictions } from "@/lib/import/run/prediction-imports";
import { importClasses } from "@/lib/import/run/taxonomy-imports";
import { makeNpy } from "@/lib/import/parsers/test-helpers";

/*
 * Training images are first-class: original labels and predictions name them by file key, in
 * ImageNet's per-class layout, next to validation images named by file number.
 */

const ctx: ImportContext = { url: process.env.DATABASE_URL!, dataset: "generic-keys" };
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-generic-keys-"));
const write = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const wnid = (index: number) => `n${10_000_000 + index}`;
const train = (index: number, n: number) => `${wnid(index)}_${n}.JPEG`;

beforeAll(async () => {
  await client.connect();
  write("classes.json", JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: wnid(cid), synset: [`class ${cid}`], gloss: "" }))));
  await importClasses(ctx, path.join(dir, "classes.json"));
});
afterAll(async () => {
  await client.end();
  rmSync(dir, { recursive: true, force: true });
});

const predictionsOf = async (source: string) =>
  (await client.query<{ file_key: string; classes: number[] }>(
    `SELECT i.file_key, p.classes FROM predictions p JOIN label_sources s ON s.id = p.source_id JOIN images i ON i.id = p.image_id
     WHERE s.name = $1 ORDER BY i.file_key`,
    [source],
  )).rows;

it("original labels of training images (per-class paths or bare names) create TRAIN images beside validation ones", async () => {
  const file = write("train.csv", ["file,class", `${wnid(3)}/${train(3, 10026)},${wnid(3)}`, `${train(7, 5)},7`, "ILSVRC2012_val_00000002.JPEG,7"].join("\n"));
  expect(await importOriginalLabels(ctx, file)).toMatchObject({ stored: 3, notInDataset: 0 });
  const { rows } = await client.query(
    `SELECT i.file_key, i.split, i.file_number, i.storage_path, l.classes FROM images i
     JOIN datasets d ON d.id = i.dataset_id AND d.slug = $1 JOIN source_labels l ON l.image_id = i.id ORDER BY i.file_key`,
    [ctx.dataset],
  );
  expect(rows).toEqual([
    { file_key: "ILSVRC2012_val_00000002.JPEG", split: "VAL", file_number: 2, storage_path: "ILSVRC2012_val_00000002.JPEG", classes: [7] },
    { file_key: train(3, 10026), split: "TRAIN", file_number: null, storage_path: `${wnid(3)}/${train(3, 10026)}`, classes: [3] },
    { file_key: train(7, 5), split: "TRAIN", file_number: null, storage_path: `${wnid(7)}/${train(7, 5)}`, classes: [7] },
  ]);
});

it("predictions attach to training images by file key; a rerun replaces them; unknown keys are counted, not stored", async () => {
  const first = write("model.csv", ["file,class,score", `train/${wnid(3)}/${train(3, 10026)},3,0.7`, `${train(3, 10026)},8,0.2`, `${train(9, 1)},9,0.9`, "2,7,1"].join("\n"));
  expect(await importPredictions(ctx, first, { name: "model:train" })).toMatchObject({ stored: 2, notInDataset: 1 });
  expect(await predictionsOf("model:train")).toEqual([
    { file_key: "ILSVRC2012_val_00000002.JPEG", classes: [7] },
    { file_key: train(3, 10026), classes: [3, 8] },
  ]);
  const again = write("model.jsonl", JSON.stringify({ file: train(7, 5), classes: [1, 2], scores: [0.6, 0.4] }) + "\n");
  expect(await importPredictions(ctx, again, { name: "model:train" })).toMatchObject({ stored: 1, notInDataset: 0 });
  expect(await predictionsOf("model:train")).toEqual([{ file_key: train(7, 5), classes: [1, 2] }]);
});

it("a file that fails changes nothing, and names of no known split are refused for new images", async () => {
  const broken = write("broken.jsonl", [JSON.stringify({ file: train(3, 10026), classes: [4] }), JSON.stringify({ file: train(7, 5), classes: [1000] })].join("\n"));
  await expect(importPredictions(ctx, broken, { name: "model:train" })).rejects.toBeInstanceOf(ImportError);
  expect(await predictionsOf("model:train")).toEqual([{ file_key: train(7, 5), classes: [1, 2] }]);
  const unnamed = write("unnamed.csv", "file,class\nholiday/beach.jpg,3\n");
  await expect(importOriginalLabels(ctx, unnamed)).rejects.toThrow("beach.jpg is not an ImageNet file name, so its split is unknown");
  await expect(importOriginalLabels(ctx, write("no-image.csv", "file,class\nnotes.txt,3\n"))).rejects.toThrow("is not an image file name");
});

/** A `(rows, k) <i8` array of class indices. */
function npy(name: string, rows: number[][]) {
  const data = new Uint8Array(rows.flat().length * 8);
  rows.flat().forEach((value, i) => new DataView(data.buffer).setBigInt64(i * 8, BigInt(value), true));
  writeFileSync(path.join(dir, name), makeNpy(`{'descr': '<i8', 'fortran_order': False, 'shape': (${rows.length}, ${rows[0]!.length}), }`, data));
  return path.join(dir, name);
}

it(".npy predictions of any split: rows in its class-folder order (class, then file name as sorted text), chosen by the row count", async () => {
  await importOriginalLabels(ctx, write("folders.csv", ["file,class", `${train(7, 5)},7`, `${train(3, 9)},3`, `${train(3, 10026)},3`, "ILSVRC2012_val_00000002.JPEG,7"].join("\n")));
  // Three training images: class 3's folder lists n…_10026 before n…_9 (ImageFolder sorts names as text), then class 7's.
  expect(await importPredictions(ctx, npy("train-model.npy", [[3, 4], [5, 3], [7, 1]]), { name: "model:train-npy" })).toMatchObject({ stored: 3, notInDataset: 0 });
  expect(await predictionsOf("model:train-npy")).toEqual([
    { file_key: train(3, 10026), classes: [3, 4] },
    { file_key: train(3, 9), classes: [5, 3] },
    { file_key: train(7, 5), classes: [7, 1] },
  ]);
  // One row: the validation split's one image, named by its file number as before.
  expect(await importPredictions(ctx, npy("val-model.npy", [[6]]), { name: "model:val-npy" })).toMatchObject({ stored: 1 });
  expect(await predictionsOf("model:val-npy")).toEqual([{ file_key: "ILSVRC2012_val_00000002.JPEG", classes: [6] }]);
  await expect(importPredictions(ctx, npy("short.npy", [[1], [2]]), { name: "model:short" })).rejects.toThrow("Expected 1 or 3 rows (one per image of the val or train split), found 2.");
});
