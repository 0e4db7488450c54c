import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { classConfirmation } from "@/lib/analytics/class-confirmation";
import { loadVerdicts } from "@/lib/analytics/load-verdicts";
import { getStudyOverlap, type StudyOverlapReport } from "@/lib/analytics/study-overlap";
import { createDb } from "@/lib/db";
import { evaluateModels, type ModelEvaluation } from "@/lib/evaluation/load-evaluation";
import { describeWithSharedData, sharedDataDir } from "@/lib/import/parsers/test-helpers";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";

/*
 * Conformance: the published bundle goes in through the importer; accuracy, the study overlap
 * and the weasel table that Relabel reports must equal what is recomputed here from the raw
 * files with JSON.parse, csv-parse and a few lines of NPY reading — never the product's parsers.
 */

const dir = sharedDataDir();
const file = (relative: string) => path.join(dir, relative);
const readJson = (relative: string): unknown => JSON.parse(readFileSync(file(relative), "utf8"));
const csvRows = (relative: string) => parse(readFileSync(file(relative), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const fileNumberOf = (name: string) => Number(/_(\d{8})\.JPEG$/.exec(name)![1]);
const percent = (part: number, whole: number) => Math.round((10_000 * part) / whole) / 100;

/** Original label per file number, and the class-folder order the .npy rows follow. */
function originalLabels() {
  const pairs = (readJson("imagenet-classes/imagenet-validation-original.json") as { image_filenames: [string, string][] }).image_filenames;
  const classIndex = new Map([...new Set(pairs.map(([, wnid]) => wnid))].sort().map((wnid, index) => [wnid, index]));
  const rows = [...pairs].sort(([fa, wa], [fb, wb]) => (wa < wb ? -1 : wa > wb ? 1 : fa < fb ? -1 : fa > fb ? 1 : 0));
  return { label: new Map(pairs.map(([name, wnid]) => [fileNumberOf(name), classIndex.get(wnid)!])), rowOrder: rows.map(([name]) => fileNumberOf(name)) };
}

/** `<i8 (50000, k)` top-k per row, rows in class-folder order → file number → top-k. */
function predictions(relative: string, rowOrder: number[]): Map<number, number[]> {
  const bytes = readFileSync(file(relative));
  const headerLength = bytes[6] === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = bytes[6] === 1 ? 10 : 12;
  const header = bytes.toString("latin1", start, start + headerLength);
  expect(header).toContain("'<i8'");
  const k = Number(/'shape': \(\d+, (\d+)\)/.exec(header)![1]);
  const offset = start + headerLength;
  return new Map(rowOrder.map((fileNumber, row) => [fileNumber, Array.from({ length: k }, (_, j) => Number(bytes.readBigInt64LE(offset + (row * k + j) * 8)))]));
}

describeWithSharedData("evaluation and analytics on the published files", () => {
  const db = createDb(process.env.DATABASE_URL!);
  const { label, rowOrder } = originalLabels();
  let resnet: ModelEvaluation;
  let alexnet: ModelEvaluation;
  let overlap: StudyOverlapReport;

  beforeAll(async () => {
    await importImagenetBundle({ url: process.env.DATABASE_URL!, dataset: DEFAULT_DATASET }, dir);
    [alexnet, resnet] = (await evaluateModels(db, DEFAULT_DATASET, { models: ["alexnet", "resnet50"], protocols: ["original", "real"] })) as [ModelEvaluation, ModelEvaluation];
    overlap = (await getStudyOverlap(db, DEFAULT_DATASET))!;
  }, 300_000);
  afterAll(() => db.$disconnect());

  it("reports original top-1/top-5 as the raw files give them: ResNet-50 76.13%, AlexNet 56.52%", () => {
    for (const [evaluation, name] of [[resnet, "resnet50"], [alexnet, "alexnet"]] as const) {
      const top = predictions(`model-predictions/imagenetv2-validation-original/${name}.npy`, rowOrder);
      const top1 = [...top].filter(([n, p]) => p[0] === label.get(n)).length;
      const top5 = [...top].filter(([n, p]) => p.slice(0, 5).includes(label.get(n)!)).length;
      expect(evaluation.protocols.original).toMatchObject({ top1: percent(top1, 50_000), top5: percent(top5, 50_000), images: 50_000, leftOut: 0 });
    }
    expect(resnet.protocols.original!.top1).toBe(76.13);
    expect(alexnet.protocols.original!.top1).toBe(56.52);
  });

  it("reports ReaL top-1 over the images with a non-empty ReaL set", () => {
    const real = readJson("real/real.json") as number[][];
    const top = predictions("model-predictions/imagenetv2-validation-original/resnet50.npy", rowOrder);
    const counted = real.map((labels, i) => ({ labels, fileNumber: i + 1 })).filter((r) => r.labels.length > 0);
    const correct = counted.filter((r) => r.labels.includes(top.get(r.fileNumber)![0]!)).length;
    expect(resnet.protocols.real).toMatchObject({ top1: percent(correct, counted.length), images: counted.length, leftOut: 50_000 - counted.length });
    expect(resnet.protocols.real!.top1).toBeGreaterThan(82);
    expect(resnet.protocols.real!.top1).toBeLessThan(84);
  });

  it("reproduces the blog's overlap figures: 57.2% reviewed by several studies, about a third identical, ~94% original confirmed", () => {
    // Each study's verdict per image as the blog compared them: status and labels as listed in the file.
    type Verdict = { status: string; set: string; text: string };
    const byImage = new Map<number, Verdict[]>();
    const add = (n: number, v: Verdict) => byImage.set(n, [...(byImage.get(n) ?? []), v]);
    const labeled = (labels: number[]): Verdict => ({ status: "LABELED", set: [...new Set(labels)].sort((a, b) => a - b).join(","), text: labels.join(",") });
    const empty = (status: string): Verdict => ({ status, set: "", text: "" });
    (readJson("real/real.json") as number[][]).forEach((labels, i) => add(i + 1, labels.length ? labeled(labels) : empty("NONE_FIT")));
    const flawsVerdict = (row: Record<string, string>): Verdict => {
      if (row.category === "Z") return empty("NONE_FIT");
      if (row.category === "X") return empty("NO_CONSENSUS");
      return labeled(row.proposed_labels!.split(",").map((s) => Number(s.trim())));
    };
    for (const row of csvRows("flaws-of-imagenet/multilabel.csv")) add(fileNumberOf(row.id!), row.is_problematic === "True" ? empty("PROBLEMATIC") : flawsVerdict(row));
    for (const row of csvRows("flaws-of-imagenet/finegrained.csv")) add(fileNumberOf(row.id!), flawsVerdict(row));
    type Mturk = { id: number; given_original_label: number; our_guessed_label: number; mturk: Record<string, number> };
    for (const r of readJson("label-errors/imagenet_mturk.json") as Mturk[]) {
      const v = r.mturk;
      add(r.id, v.given! >= 3 ? labeled([r.given_original_label]) : v.guessed! >= 3 ? labeled([r.our_guessed_label]) : v.both! >= 3 ? labeled([r.given_original_label, r.our_guessed_label]) : v.neither! >= 3 ? empty("NONE_FIT") : empty("NO_CONSENSUS"));
    }
    const several = [...byImage].filter(([, vs]) => vs.length >= 2);
    const figures = (key: (v: Verdict) => string) => {
      const identical = several.filter(([, vs]) => new Set(vs.map((v) => `${v.status}:${key(v)}`)).size === 1);
      const withLabels = identical.filter(([, vs]) => vs[0]!.status === "LABELED");
      const confirmed = withLabels.filter(([n, vs]) => key(vs[0]!) === String(label.get(n)));
      return { identical: identical.length, identicalLabeled: withLabels.length, originalConfirmed: confirmed.length };
    };
    expect(overlap.atLeast2).toBe(several.length);
    expect(overlap.asSets).toMatchObject(figures((v) => v.set));
    expect(overlap.asStrings).toMatchObject(figures((v) => v.text));
    expect(overlap.atLeast2Pct).toBeCloseTo(57.2, 1);
    expect(overlap.asStrings.identicalPctOfImages).toBeGreaterThan(30);
    expect(overlap.asStrings.identicalPctOfImages).toBeLessThan(37);
    expect(overlap.asStrings.originalConfirmedPct).toBeGreaterThan(93);
    expect(overlap.asStrings.originalConfirmedPct).toBeLessThan(95);
  });

  it("gives the weasel experts' table as the raw file states it (359 in the file is the domestic ferret)", async () => {
    type Entry = { old_label: number; new_label: number | number[] | null; label_type: string };
    const entries = Object.values(readJson("flaws-of-imagenet/356_357_358_359.json") as Record<string, Entry>);
    const dataset = await db.dataset.findUniqueOrThrow({ where: { slug: DEFAULT_DATASET } });
    const rows = classConfirmation(await loadVerdicts(db, dataset.id, "flaws-weasel-experts", [356, 357, 358, 359]), [356, 357, 358, 359]);
    for (const row of rows) {
      const mine = entries.filter((e) => e.old_label === row.class);
      const basic = mine.filter((e) => e.label_type === "basic");
      const outside = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
      expect({ images: row.images, confirmed: row.confirmed, ambiguous: row.ambiguous, multilabel: row.multilabel, ferrets: row.notInImagenet["domestic ferret"] ?? 0, outside: outside(row.notInImagenet), other: outside(row.becameOther) }).toEqual({
        images: mine.length,
        confirmed: basic.filter((e) => e.new_label === row.class && e.new_label !== 359).length,
        ambiguous: mine.filter((e) => e.label_type === "uncertain").length,
        multilabel: mine.filter((e) => e.label_type === "multilabel").length,
        ferrets: basic.filter((e) => e.new_label === 359).length,
        outside: basic.filter((e) => e.new_label === 359).length + mine.filter((e) => e.label_type === "custom").length,
        other: basic.filter((e) => e.new_label !== row.class && e.new_label !== 359).length,
      });
    }
  });
});
