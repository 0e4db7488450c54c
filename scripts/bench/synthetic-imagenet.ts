import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";

/** ImageNet-1k's published sizes (ILSVRC2012). */
export const IMAGENET_SIZES = { classes: 1000, train: 1_281_167, val: 50_000, test: 100_000 } as const;
export const SYNTHETIC_MODELS = ["model-a", "model-b", "model-c"] as const;

export interface SyntheticCounts {
  train: number;
  val: number;
  test: number;
  /** Rows the importers should store: images, original labels, the four studies' verdicts, predictions. */
  rows: number;
}

/** A fixed, fast generator (mulberry32): the same seed writes the same bytes on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const syntheticWnid = (index: number) => `n${String(1_000_000 + index * 7_919).padStart(8, "0")}`;
const valName = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
const testName = (n: number) => `ILSVRC2012_test_${String(n).padStart(8, "0")}.JPEG`;

/** Writes through a stream, waiting when it is full: memory stays flat however many lines. */
class Lines {
  private readonly stream;
  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.stream = createWriteStream(file);
  }
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, "finish");
  }
}

function topFive(next: () => number, truth: number): number[] {
  const classes = [next() < 0.7 ? truth : Math.floor(next() * 1000)];
  while (classes.length < 5) {
    const c = Math.floor(next() * 1000);
    if (!classes.includes(c)) classes.push(c);
  }
  return classes;
}

/**
 * A dataset shaped like ImageNet-1k at `fraction` of its size, in the formats the importers
 * read: original labels of the training images (per-class folders) and the validation images
 * in one file,class CSV, a listing of the test images, the four studies' verdicts on validation
 * (ReaL, multilabel, fine-grained, clean validation; ReaL's format is val-only by definition, so
 * it always holds 50,000 positions and those past the fraction's images are counted as not in
 * the dataset) and top-5 JSONL predictions of three models for every image. Streamed to disk.
 */
export async function writeSyntheticImagenet(folder: string, fraction: number, seed = 11): Promise<SyntheticCounts> {
  const next = random(seed);
  const size = (full: number) => Math.max(1, Math.round(full * fraction));
  const counts = { train: size(IMAGENET_SIZES.train), val: size(IMAGENET_SIZES.val), test: size(IMAGENET_SIZES.test) };
  const at = (relative: string) => path.join(folder, relative);
  mkdirSync(folder, { recursive: true });
  const classes = new Lines(at("class_info.json"));
  await classes.write(JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: syntheticWnid(cid), synset: [`class ${cid}`], gloss: "" }))));
  await classes.close();

  const models = SYNTHETIC_MODELS.map((model) => new Lines(at(`predictions/${model}.jsonl`)));
  const predict = async (file: string, truth: number) => {
    for (const model of models) await model.write(JSON.stringify({ file, classes: topFive(next, truth) }) + "\n");
  };

  // One file of original labels for train and val: a source is replaced whole, so two files would replace each other.
  const original = new Lines(at("original.csv"));
  await original.write("file,class\n");
  // Like ILSVRC2012: every class holds 732 to 1300 images; here the remainder goes to the first classes.
  for (let c = 0, written = 0; c < 1000; c++) {
    const inClass = Math.floor(counts.train / 1000) + (c < counts.train % 1000 ? 1 : 0);
    for (let k = 0; k < inClass; k++, written++) {
      const name = `${syntheticWnid(c)}/${syntheticWnid(c)}_${10_000 + k * 3}.JPEG`;
      await original.write(`${name},${c}\n`);
      await predict(name, c);
    }
  }
  const truthOfVal = Array.from({ length: IMAGENET_SIZES.val }, () => Math.floor(next() * 1000));
  for (let n = 1; n <= counts.val; n++) {
    await original.write(`${valName(n)},${truthOfVal[n - 1]}\n`);
    await predict(valName(n), truthOfVal[n - 1]!);
  }
  await original.close();

  const test = new Lines(at("test/images.txt"));
  for (let n = 1; n <= counts.test; n++) {
    await test.write(`${testName(n)}\n`);
    await predict(testName(n), Math.floor(next() * 1000));
  }
  await test.close();
  for (const model of models) await model.close();

  const real = new Lines(at("real.json"));
  await real.write(JSON.stringify(truthOfVal.map((c, i) => (i % 10 === 9 ? [] : i % 7 === 0 ? [c, (c + 1) % 1000] : [c]))));
  await real.close();
  // The "Flaws" files may list any validation images: these list the fraction's.
  const rowsOf = (label: (n: number, c: number) => string) => truthOfVal.slice(0, counts.val).map((c, i) => label(i + 1, c)).join("\n") + "\n";
  const flaws = [
    ["multilabel.csv", "id,category,original_label,proposed_labels,manually_validated,unclear_multi_labels,wrong_multi_labels,is_problematic", (n: number, c: number) => `${valName(n)},A,${c},${c},True,,,False`],
    ["finegrained.csv", "id,category,original_label,proposed_labels,manually_validated", (n: number, c: number) => `${valName(n)},B,${c},${(c + 1) % 1000},True`],
    ["clean_validation.csv", "id,original_label,proposed_labels,validation", (n: number, c: number) => `${valName(n)},${c},${c},*`],
  ] as const;
  for (const [file, header, label] of flaws) {
    const out = new Lines(at(file));
    await out.write(`${header}\n${rowsOf(label)}`);
    await out.close();
  }
  const images = counts.train + counts.val + counts.test;
  // Images, their original labels (train and val), four studies on val, three models on every image.
  return { ...counts, rows: images + counts.train + counts.val + 4 * counts.val + 3 * images };
}
