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

/*
 * Files read as they are copied: a mistake found after many rows went to the COPY still rolls the
 * whole file back, and names its line. 3,000 images make the stream send several batches first.
 */

const IMAGES = 3_000;
const ctx: ImportContext = { url: process.env.DATABASE_URL!, dataset: "streamed" };
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-streamed-"));
const write = (name: string, lines: string[]) => {
  writeFileSync(path.join(dir, name), lines.join("\n") + "\n");
  return path.join(dir, name);
};
const val = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
const numbers = Array.from({ length: IMAGES }, (_, i) => i + 1);
const topFive = (n: number) => [n % 1000, (n + 1) % 1000, (n + 2) % 1000, (n + 3) % 1000, (n + 4) % 1000];

beforeAll(async () => {
  await client.connect();
  writeFileSync(path.join(dir, "classes.json"), JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: `n${10_000_000 + cid}`, synset: [`class ${cid}`], gloss: "" }))));
  await importClasses(ctx, path.join(dir, "classes.json"));
  await importOriginalLabels(ctx, write("original.csv", ["file,class", ...numbers.map((n) => `${val(n)},${n % 1000}`)]));
});
afterAll(async () => {
  await client.end();
  rmSync(dir, { recursive: true, force: true });
});

const stored = async (source: string) =>
  (await client.query<{ file_key: string; classes: number[]; scores: number[] }>(
    `SELECT i.file_key, p.classes, p.scores FROM predictions p JOIN label_sources s ON s.id = p.source_id JOIN images i ON i.id = p.image_id
     WHERE s.name = $1 ORDER BY i.file_key`,
    [source],
  )).rows;

it("JSON Lines of every image are stored as written, best score first, with the published k", async () => {
  const lines = numbers.map((n) => JSON.stringify({ file: val(n), classes: topFive(n), scores: [0.1, 0.5, 0.2, 0.1, 0.1] }));
  expect(await importPredictions(ctx, write("model.jsonl", lines), { name: "model:streamed" })).toMatchObject({ stored: IMAGES, notInDataset: 0 });
  const rows = await stored("model:streamed");
  expect(rows).toHaveLength(IMAGES);
  expect(rows[41]).toEqual({ file_key: val(42), classes: [43, 44, 42, 45, 46], scores: [0.5, 0.2, 0.1, 0.1, 0.1] });
  const { rows: [source] } = await client.query<{ published_k: number }>(`SELECT published_k FROM label_sources WHERE name = 'model:streamed'`);
  expect(source!.published_k).toBe(5);
});

it("a bad line near the end, after thousands of rows were copied, keeps the earlier import and names the line", async () => {
  const before = await stored("model:streamed");
  const lines = numbers.map((n) => JSON.stringify({ file: val(n), classes: n === IMAGES - 1 ? [1000] : [n % 1000] }));
  const failure = await importPredictions(ctx, write("late.jsonl", lines), { name: "model:streamed" }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ImportError);
  expect((failure as ImportError).where).toBe(`line ${IMAGES - 1}, classes[0]`);
  expect(await stored("model:streamed")).toEqual(before);
});

it("a repeated image, a truncated last line and a missing file are refused before anything is kept", async () => {
  const lines = numbers.map((n) => JSON.stringify({ file: val(n), classes: [1] }));
  await expect(importPredictions(ctx, write("twice.jsonl", [...lines, lines[7]!]), { name: "model:twice" })).rejects.toThrow("Image 8 already has predictions on line 8.");
  await expect(importPredictions(ctx, write("cut.jsonl", [...lines, lines[7]!.slice(0, 9)]), { name: "model:cut" })).rejects.toThrow("the file looks truncated");
  await expect(importPredictions(ctx, path.join(dir, "absent.jsonl"), { name: "model:absent" })).rejects.toThrow("No such file.");
  const { rows } = await client.query(`SELECT name FROM label_sources WHERE name IN ('model:twice', 'model:cut', 'model:absent')`);
  expect(rows).toEqual([]);
});
