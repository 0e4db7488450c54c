import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { parseImageFileName } from "@/lib/import/parsers/image-files";
import { syntheticWnid, writeSyntheticImagenet } from "./synthetic-imagenet";

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function written(fraction: number, seed?: number) {
  const folder = mkdtempSync(path.join(tmpdir(), "relabel-synthetic-"));
  folders.push(folder);
  const counts = await writeSyntheticImagenet(folder, fraction, seed);
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const digest = Object.fromEntries(
    files.map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(folder, file), createHash("sha256").update(readFileSync(file)).digest("hex")];
    }),
  );
  return { folder, counts, digest };
}

const lines = (file: string) => readFileSync(file, "utf8").trimEnd().split("\n");

it("writes the same bytes for the same seed and other bytes for another", async () => {
  const [a, b, other] = await Promise.all([written(0.001), written(0.001), written(0.001, 12)]);
  expect(Object.keys(a.digest).length).toBe(10);
  expect(a.digest).toEqual(b.digest);
  expect(other.digest["predictions/model-a.jsonl"]).not.toBe(a.digest["predictions/model-a.jsonl"]);
});

it("is shaped like ImageNet-1k at the fraction asked: per-class training folders, val and test, top-5 of three models for every image", async () => {
  const { folder, counts } = await written(0.002);
  expect(counts).toMatchObject({ train: 2562, val: 100, test: 200 });
  const original = lines(path.join(folder, "original.csv")).slice(1).map((line) => line.split(","));
  expect(original).toHaveLength(counts.train + counts.val);
  const train = original.slice(0, counts.train);
  // Every class holds floor(2562 / 1000) or one more image, in its own folder named by its wnid.
  const perClass = new Map<string, number>();
  for (const [file, classIndex] of train) {
    const [wnid, name] = file!.split("/");
    expect(wnid).toBe(syntheticWnid(Number(classIndex)));
    expect(parseImageFileName(name!)).toMatchObject({ split: "train", wnid });
    perClass.set(wnid!, (perClass.get(wnid!) ?? 0) + 1);
  }
  expect(perClass.size).toBe(1000);
  expect(new Set(perClass.values())).toEqual(new Set([2, 3]));
  expect(original.slice(counts.train).map(([file]) => parseImageFileName(file!)?.split)).toEqual(Array(counts.val).fill("val"));
  expect(lines(path.join(folder, "test/images.txt")).map((file) => parseImageFileName(file)?.split)).toEqual(Array(counts.test).fill("test"));
  for (const model of ["model-a", "model-b", "model-c"]) {
    const predictions = lines(path.join(folder, `predictions/${model}.jsonl`)).map((line) => JSON.parse(line) as { file: string; classes: number[] });
    expect(predictions).toHaveLength(counts.train + counts.val + counts.test);
    for (const { classes } of predictions) expect(new Set(classes).size).toBe(5);
  }
  // ReaL is val-only by definition: always one list per validation file.
  expect(JSON.parse(readFileSync(path.join(folder, "real.json"), "utf8"))).toHaveLength(50_000);
  expect(lines(path.join(folder, "multilabel.csv"))).toHaveLength(counts.val + 1);
});
