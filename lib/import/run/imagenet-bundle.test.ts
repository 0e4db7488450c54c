import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import type { VerdictStatus } from "@/lib/generated/prisma/enums";
import { describeWithSharedData, sharedDataDir } from "@/lib/import/parsers/test-helpers";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import { type DatasetStats, getDatasetStats } from "@/lib/stats/dataset-stats";

/*
 * Conformance: the whole published bundle goes in through importImagenetBundle, and what `stats`
 * reports must match figures recomputed here from the raw files with plain JSON.parse / csv-parse.
 * The project's parsers are deliberately not used: a parser bug must not be able to produce the
 * very figures it is checked against. Only their documented semantics are re-implemented (how a
 * row becomes a status and a class set), in the few lines each takes.
 */

/** As the stats SQL compares verdicts: status plus sorted distinct classes. */
type Verdict = { status: VerdictStatus; classes: number[] };
type Verdicts = Map<number, Verdict>;

const dir = sharedDataDir();
const file = (relative: string) => path.join(dir, relative);
const readJson = (relative: string): unknown => JSON.parse(readFileSync(file(relative), "utf8"));
const csvRows = (relative: string) => parse(readFileSync(file(relative), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

const fileNumberOf = (name: string) => Number(/_(\d{8})\.JPEG$/.exec(name)![1]);
const classSet = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);
const labelList = (text: string) => classSet(text.split(",").filter((part) => part.trim() !== "").map(Number));
const verdictKey = (v: Verdict) => `${v.status}:${v.classes.join(",")}`;
/** The "Flaws" categories: Z = no label fits, X = raters disagreed, A/B/M = labeled. */
const statusOfCategory = (category: string): VerdictStatus => (category === "Z" ? "NONE_FIT" : category === "X" ? "NO_CONSENSUS" : "LABELED");

/** real.json: position i is file number i + 1; an empty list means no class fits. */
function realVerdicts(): Verdicts {
  const lists = readJson("real/real.json") as number[][];
  return new Map(lists.map((labels, i) => [i + 1, { status: labels.length === 0 ? "NONE_FIT" : "LABELED", classes: classSet(labels) }]));
}

/** multilabel.csv: problematic images are meant to be excluded, so they carry no classes. */
function multilabelVerdicts(): Verdicts {
  return new Map(
    csvRows("flaws-of-imagenet/multilabel.csv").map((row) => [
      fileNumberOf(row.id!),
      row.is_problematic === "True" ? { status: "PROBLEMATIC", classes: [] } : { status: statusOfCategory(row.category!), classes: labelList(row.proposed_labels!) },
    ]),
  );
}

function flawsCsvVerdicts(relative: string): Verdicts {
  return new Map(csvRows(relative).map((row) => [fileNumberOf(row.id!), { status: statusOfCategory(row.category!), classes: labelList(row.proposed_labels!) }]));
}

/** The clean validation set only keeps images whose covering sources agreed on labels. */
function cleanVerdicts(): Verdicts {
  return new Map(csvRows("flaws-of-imagenet/clean_validation.csv").map((row) => [fileNumberOf(row.id!), { status: "LABELED", classes: labelList(row.proposed_labels!) }]));
}

interface MturkRecord {
  id: number;
  given_original_label: number;
  our_guessed_label: number;
  mturk: { given: number; guessed: number; neither: number; both: number };
}

/** Northcutt et al., the paper's rule: an option wins with ≥3 of 5 votes, else no consensus. */
function northcuttVerdict({ mturk: votes, given_original_label: original, our_guessed_label: guess }: MturkRecord): Verdict {
  if (votes.given >= 3) return { status: "LABELED", classes: [original] };
  if (votes.guessed >= 3) return { status: "LABELED", classes: [guess] };
  if (votes.both >= 3) return { status: "LABELED", classes: classSet([original, guess]) };
  if (votes.neither >= 3) return { status: "NONE_FIT", classes: [] };
  return { status: "NO_CONSENSUS", classes: [] };
}

/** `id` is the validation file number (cleanlab's README wrongly calls it an array index). */
function northcuttVerdicts(): Verdicts {
  return new Map((readJson("label-errors/imagenet_mturk.json") as MturkRecord[]).map((r) => [r.id, northcuttVerdict(r)]));
}

function figuresOf(verdicts: Verdicts) {
  const all = [...verdicts.values()];
  return {
    imagesCovered: verdicts.size,
    emptyOrNoneFit: all.filter((v) => v.status === "NONE_FIT" || v.status === "NO_CONSENSUS").length,
    multiLabel: all.filter((v) => v.classes.length > 1).length,
  };
}

/** `studyOverlap` recomputed: per image, how many of the four studies cover it and whether their verdicts agree. */
function overlapOf(studies: Verdicts[]) {
  const perImage = new Map<number, string[]>();
  for (const verdicts of studies) {
    for (const [fileNumber, verdict] of verdicts) perImage.set(fileNumber, [...(perImage.get(fileNumber) ?? []), verdictKey(verdict)]);
  }
  const keys = [...perImage.values()];
  const atLeast = (n: number) => keys.filter((k) => k.length >= n).length;
  return {
    atLeast1: atLeast(1),
    atLeast2: atLeast(2),
    atLeast3: atLeast(3),
    atLeast4: atLeast(4),
    identicalAmongAtLeast2: keys.filter((k) => k.length >= 2 && new Set(k).size === 1).length,
  };
}

/** A v1/v2 .npy's header and data offset: magic, version, little-endian header length, header text. */
function npyLayout(relative: string) {
  const bytes = readFileSync(file(relative));
  const headerLength = bytes[6] === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = bytes[6] === 1 ? 10 : 12;
  const header = bytes.toString("latin1", start, start + headerLength);
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(",").filter((s) => s.trim() !== "").map(Number);
  return { bytes, header, shape, offset: start + headerLength };
}

/** `<U28` file names (UTF-32LE, NUL-padded) of the ReaL images that humans rated. */
function humanRatedImages(): number[] {
  const { bytes, header, shape, offset } = npyLayout("flaws-of-imagenet/manual_real_imgs.npy");
  expect(header).toContain("'<U28'");
  return Array.from({ length: shape[0]! }, (_, i) => {
    const start = offset + i * 28 * 4;
    const chars = Array.from({ length: 28 }, (_, k) => bytes.readUInt32LE(start + k * 4)).filter((c) => c !== 0);
    return fileNumberOf(String.fromCodePoint(...chars));
  });
}

/** Images whose top-1 in a `<i8 (50000, k)` prediction file equals the original label; rows are in class-folder order. */
function top1Agreements(relative: string): number {
  const { bytes, header, shape, offset } = npyLayout(relative);
  expect(header).toContain("'<i8'");
  const pairs = (readJson("imagenet-classes/imagenet-validation-original.json") as { image_filenames: [string, string][] }).image_filenames;
  const classIndex = new Map([...new Set(pairs.map(([, wnid]) => wnid))].sort().map((wnid, index) => [wnid, index]));
  // Class-folder order: by wnid, then by (zero-padded) file name.
  const rows = [...pairs].sort(([fa, wa], [fb, wb]) => (wa < wb ? -1 : wa > wb ? 1 : fa < fb ? -1 : fa > fb ? 1 : 0));
  const k = shape[1]!;
  return rows.filter(([, wnid], row) => Number(bytes.readBigInt64LE(offset + row * k * 8)) === classIndex.get(wnid)).length;
}

describeWithSharedData("importImagenetBundle on the published files", () => {
  const db = createDb(process.env.DATABASE_URL!);
  let stats: DatasetStats;
  const sourceStats = (name: string) => stats.sources.find((s) => s.name === name);

  beforeAll(async () => {
    await importImagenetBundle({ url: process.env.DATABASE_URL!, dataset: DEFAULT_DATASET }, dir);
    stats = (await getDatasetStats(db, DEFAULT_DATASET))!;
  }, 300_000);
  afterAll(() => db.$disconnect());

  it("holds one image per original label, with pixels for every validation file in the image folder", () => {
    const original = readJson("imagenet-classes/imagenet-validation-original.json") as { image_filenames: unknown[] };
    const withPixels = readdirSync(file("imagenet-val-images")).filter((name) => /^ILSVRC2012_val_\d{8}\.JPEG$/.test(name));
    expect(stats.images).toBe(original.image_filenames.length);
    expect(stats.imagesWithPixels).toBe(withPixels.length);
  });

  it("reports coverage, empty and multi-label counts of every label source as the raw files state them", () => {
    const expected: Record<string, Partial<ReturnType<typeof figuresOf>>> = {
      original: { imagesCovered: stats.images, emptyOrNoneFit: 0, multiLabel: 0 },
      real: figuresOf(realVerdicts()),
      multilabel: figuresOf(multilabelVerdicts()),
      tsipras: figuresOf(flawsCsvVerdicts("flaws-of-imagenet/finegrained.csv")),
      northcutt: figuresOf(northcuttVerdicts()),
      "flaws-clean": figuresOf(cleanVerdicts()),
      "flaws-weasel-experts": { imagesCovered: Object.keys(readJson("flaws-of-imagenet/356_357_358_359.json") as object).length },
    };
    for (const name of readdirSync(file("imagenet-mistakes")).filter((n) => n.endsWith("_mistakes.json"))) {
      expected[`mistakes:${name.replace(/_mistakes\.json$/, "")}`] = { imagesCovered: Object.keys(readJson(`imagenet-mistakes/${name}`) as object).length };
    }
    const predictions = "model-predictions/imagenetv2-validation-original";
    for (const name of readdirSync(file(predictions)).filter((n) => n.endsWith(".npy"))) {
      expected[`model:${name.replace(/\.npy$/, "")}`] = { imagesCovered: npyLayout(`${predictions}/${name}`).shape[0] };
    }
    expected["model:cleanlab-cv"] = { imagesCovered: npyLayout("label-errors/imagenet_val_set_pyx_argmax_predicted_labels.npy").shape[0] };

    const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, sourceStats(name)]));
    expect(actual).toMatchObject(expected);
    expect(expected.real).toMatchObject({ imagesCovered: 50_000 });
  });

  it("reports the overlap of the four label studies and how often they agree, comparing verdicts as sets", () => {
    const expected = overlapOf([realVerdicts(), multilabelVerdicts(), flawsCsvVerdicts("flaws-of-imagenet/finegrained.csv"), northcuttVerdicts()]);
    expect(stats.studyOverlap).toEqual({ studies: ["real", "multilabel", "tsipras", "northcutt"], ...expected });
  });

  it("maps prediction rows in class-folder order: ResNet-50's top-1 matches the original label ~76% of the time", async () => {
    const [row] = await db.$queryRaw<{ agree: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE p.classes[1] = o.classes[1])::int AS agree, count(*)::int AS total
      FROM predictions p
      JOIN label_sources ps ON ps.id = p.source_id AND ps.name = 'model:resnet50'
      JOIN datasets d ON d.id = ps.dataset_id AND d.slug = ${DEFAULT_DATASET}
      JOIN label_sources os ON os.dataset_id = d.id AND os.name = 'original'
      JOIN source_labels o ON o.source_id = os.id AND o.image_id = p.image_id`;
    expect(row!.total).toBe(50_000);
    // A file-name-order mix-up would give ~0.1%: the range is the domain fact, the exact count the cross-check.
    expect(row!.agree / row!.total).toBeGreaterThan(0.7);
    expect(row!.agree / row!.total).toBeLessThan(0.8);
    expect(row!.agree).toBe(top1Agreements("model-predictions/imagenetv2-validation-original/resnet50.npy"));
  });

  it("keeps ReaL's Dawid-Skene scores on exactly the human-rated images, one for each of their labels", async () => {
    const rows = await db.$queryRaw<{ file_number: number; classes: number[]; scored: string[] }[]>`
      SELECT i.file_number, l.classes, ARRAY(SELECT jsonb_object_keys(l.scores)) AS scored
      FROM source_labels l
      JOIN label_sources s ON s.id = l.source_id AND s.name = 'real'
      JOIN images i ON i.id = l.image_id
      JOIN datasets d ON d.id = s.dataset_id AND d.slug = ${DEFAULT_DATASET}
      WHERE l.scores IS NOT NULL`;
    const rated = humanRatedImages();
    expect(rated.length).toBeGreaterThan(20_000);
    expect(rows.map((r) => r.file_number).sort((a, b) => a - b)).toEqual([...rated].sort((a, b) => a - b));
    expect(rows.filter((r) => !r.classes.every((c) => r.scored.includes(String(c))))).toEqual([]);
  });

  it("imports the weasel experts' 359 as the outside label 'domestic ferret', never as black-footed ferret", async () => {
    const entries = readJson("flaws-of-imagenet/356_357_358_359.json") as Record<string, { new_label: number | number[] | null }>;
    const ferrets = Object.entries(entries).filter(([, e]) => e.new_label === 359).map(([name]) => fileNumberOf(name));
    expect(ferrets.length).toBeGreaterThan(0);
    const decisions = await db.$queryRaw<{ file_number: number; classes: number[]; outside_labels: string[] }[]>`
      SELECT i.file_number, x.classes, x.outside_labels
      FROM decisions x
      JOIN label_sources s ON s.id = x.source_id AND s.name = 'flaws-weasel-experts'
      JOIN datasets d ON d.id = s.dataset_id AND d.slug = ${DEFAULT_DATASET}
      JOIN images i ON i.id = x.image_id`;
    const byImage = new Map(decisions.map((d) => [d.file_number, d]));
    for (const fileNumber of ferrets) {
      expect(byImage.get(fileNumber), `image ${fileNumber}`).toMatchObject({ classes: [], outside_labels: ["domestic ferret"] });
    }
    expect(decisions.filter((d) => d.classes.includes(359))).toEqual([]);
  });
});
