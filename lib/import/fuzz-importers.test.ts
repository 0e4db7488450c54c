import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { IMPORT_KINDS, type ImportKind } from "@/lib/import/kinds";
import { sharedDataDir } from "@/lib/import/parsers/test-helpers";
import { NASTY_TEXTS, fuzzParameters, wrongValue } from "@/lib/testing/fuzz-values";

/*
 * Fuzzing every importer of the registry end to end (parser, loader, the database's own checks):
 * a small valid sample of each published file, then mutated — a number swapped for an out-of-range
 * class index or a huge label set, Unicode edge cases spliced in, truncated, or replaced by junk of
 * the wrong type. Every import must either succeed or fail with an ExpectedError (an ImportError
 * naming file, place and problem), and a failed import must leave every table as it was.
 * The imagenet bundle only runs these same kinds in order, so it is not fuzzed on its own.
 */
const url = process.env.DATABASE_URL!;
const db = createDb(url);
const work = mkdtempSync(path.join(tmpdir(), "relabel-fuzz-"));
let dataset = "";
let cases = 0;
let stored = 0;

/** Keeps a few items of every list and of the top-level map (file name → record), so a sample keeps the file's shape and imports in milliseconds. */
function shrink(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.slice(0, 6).map((v) => shrink(v, false));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return Object.fromEntries((top ? entries.slice(0, 6) : entries).map(([k, v]) => [k, shrink(v, false)]));
  }
  return value;
}

const shared = (relative: string) => path.join(sharedDataDir(), relative);
/** Files that must list every class or every validation image are fuzzed whole. */
const whole = (relative: string) => readFileSync(shared(relative));
function sampleOf(file: string): Buffer {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".json")) return Buffer.from(JSON.stringify(shrink(JSON.parse(text)), null, 1));
  return Buffer.from(text.split("\n").slice(0, 8).join("\n"));
}

/** The file each file kind reads in the published data (the npy predictions from the repository's fixtures). */
const SAMPLES: Partial<Record<ImportKind["name"], () => Buffer>> = {
  classes: () => whole("imagenet-classes/class_info.json"),
  "openai-names": () => whole("clip-classnames/openai_imagenet_classes.json"),
  "modified-names": () => whole("flaws-of-imagenet/modified_classnames.txt"),
  clusters: () => sampleOf(shared("flaws-of-imagenet/clusters.json")),
  original: () => sampleOf(shared("imagenet-classes/imagenet-validation-original.json")),
  real: () => whole("real/real.json"),
  northcutt: () => sampleOf(shared("label-errors/imagenet_mturk.json")),
  multilabel: () => sampleOf(shared("flaws-of-imagenet/multilabel.csv")),
  tsipras: () => sampleOf(shared("flaws-of-imagenet/finegrained.csv")),
  "flaws-clean": () => sampleOf(shared("flaws-of-imagenet/clean_validation.csv")),
  "flaws-csv": () => sampleOf(shared("flaws-of-imagenet/multilabel.csv")),
  mistakes: () => sampleOf(shared("imagenet-mistakes/vit3b_mistakes.json")),
  experts: () => sampleOf(shared("flaws-of-imagenet/356_357_358_359.json")),
  predictions: () => readFileSync(path.resolve(import.meta.dirname, "fixtures/top1-u2-6.npy")),
};
/** Folder kinds: the images folder gets fuzzed bytes under a validation file name; the bundle is the kinds above in order. */
const FOLDER_KINDS = new Set(["imagenet", "images"]);
const FILE_NAME: Partial<Record<ImportKind["name"], string>> = { predictions: "model.npy", "flaws-csv": "flaws.csv", multilabel: "multilabel.csv", tsipras: "finegrained.csv", "flaws-clean": "clean.csv", "modified-names": "names.txt" };

const BAD_NUMBERS = ["-1", "1000", "1001", "1.5", "1e309", "NaN", "99999999999", "-0", "0x10", "null", `[${Array.from({ length: 10_000 }, (_, i) => i).join(",")}]`];

/** One mutation of a sample: a number swapped for an out-of-range value, text spliced in, a cut, or junk of another type. */
function mutated(sample: Buffer): fc.Arbitrary<Buffer> {
  const text = sample.toString("latin1");
  const numbers = [...text.matchAll(/-?\d+/g)].map((m) => [m.index, m[0].length] as const);
  const splice = (at: number, remove: number, insert: string) => Buffer.concat([sample.subarray(0, at), Buffer.from(insert), sample.subarray(at + remove)]);
  return fc.oneof(
    numbers.length
      ? fc.tuple(fc.constantFrom(...numbers), fc.constantFrom(...BAD_NUMBERS)).map(([[at, length], bad]) => splice(at, length, bad))
      : fc.constant(sample),
    fc.tuple(fc.nat(sample.length), fc.constantFrom(...NASTY_TEXTS)).map(([at, nasty]) => splice(at, 0, nasty)),
    fc.nat(sample.length).map((at) => sample.subarray(0, at)),
    fc.tuple(fc.nat(Math.max(0, sample.length - 1)), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => splice(at, 1, String.fromCharCode(byte))),
    wrongValue.map((value) => Buffer.from(JSON.stringify(value) ?? "")),
  );
}

const TABLES = ["datasets", "images", "classes", "class_groups", "class_group_members", "label_sources", "source_labels", "predictions", "image_hints", "decisions"];
const rowCounts = async () =>
  (await db.$queryRawUnsafe<Record<string, bigint>[]>(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}`))[0]!;

/** Runs one import; any throw other than an ExpectedError is a bug, and a refused import wrote nothing. */
async function importRefusedCleanly(kind: ImportKind, file: string): Promise<void> {
  cases++;
  const before = await rowCounts();
  try {
    const summaries = [await kind.run({ url, dataset }, file, {})].flat();
    stored += summaries.reduce((sum, summary) => sum + summary.stored, 0);
    return;
  } catch (error) {
    if (!(error instanceof ExpectedError)) throw error;
    expect(error.message).toMatch(/\S/);
  }
  expect(await rowCounts()).toEqual(before);
}

/** The validation images the samples name, so their rows are stored (and checked by the database), not skipped as absent. */
function fileNumbersOf(samples: Buffer[]): number[] {
  const named = samples.flatMap((sample) => [...sample.toString("latin1").matchAll(/ILSVRC2012_val_(\d{8})/g)].map((m) => Number(m[1])));
  return [...new Set([...named, ...Array.from({ length: 10 }, (_, i) => i + 1)])];
}

beforeAll(async () => {
  const samples = Object.values(SAMPLES).map((sample) => sample());
  const { id: datasetId } = await db.dataset.create({ data: { slug: "fuzz", name: "Fuzz" }, select: { id: true } });
  dataset = "fuzz";
  const name = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
  await db.image.createMany({ data: fileNumbersOf(samples).map((n) => ({ datasetId, fileKey: name(n), split: "VAL" as const, fileNumber: n, storagePath: name(n) })) });
  // The real taxonomy and original labels: other files are checked against their wnids and class-folder order.
  const kind = (name: string) => IMPORT_KINDS.find((k) => k.name === name)!;
  await kind("classes").run({ url, dataset }, shared("imagenet-classes/class_info.json"), {});
  await kind("original").run({ url, dataset }, shared("imagenet-classes/imagenet-validation-original.json"), {});
});

afterAll(async () => {
  console.log(`fuzzing: ${cases} imports, ${stored} rows stored by the accepted ones`);
  rmSync(work, { recursive: true, force: true });
  await db.$disconnect();
});

describe("fuzzing: importers", () => {
  it("has a sample for every file kind of the registry", () => {
    const fileKinds = IMPORT_KINDS.map((kind) => kind.name).filter((name) => !FOLDER_KINDS.has(name));
    expect(Object.keys(SAMPLES).sort()).toEqual(fileKinds.sort());
  });

  it.each(Object.keys(SAMPLES))("%s: malformed, out-of-range and Unicode-mangled files are refused with an import error and write nothing", async (name) => {
    const kind = IMPORT_KINDS.find((k) => k.name === name)!;
    const sample = SAMPLES[kind.name]!();
    const file = path.join(work, FILE_NAME[kind.name] ?? `${kind.name}.json`);
    await fc.assert(
      fc.asyncProperty(mutated(sample), async (content) => {
        writeFileSync(file, content);
        await importRefusedCleanly(kind, file);
      }),
      fuzzParameters(10),
    );
  }, 120_000);

  it("images: a folder of files that are not images is refused or recorded, never a crash", async () => {
    const kind = IMPORT_KINDS.find((k) => k.name === "images")!;
    const folder = path.join(work, "images");
    mkdirSync(folder, { recursive: true });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        writeFileSync(path.join(folder, "ILSVRC2012_val_00000001.JPEG"), bytes);
        await importRefusedCleanly(kind, folder);
      }),
      fuzzParameters(10),
    );
  }, 120_000);
});
