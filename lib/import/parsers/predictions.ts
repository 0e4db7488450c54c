import { ImportError } from "../import-error";
import type { ImageRef, PredictionRecord } from "../records";
import { cell, readCsv, rowWhere } from "./csv-input";
import { byFileNumber, CLASS_COUNT, imageKey, toClassIndex, toImageRef, VALIDATION_IMAGE_COUNT } from "./identifiers";
import { isPlainObject, preview } from "./json-input";
import { expectArray, type NpyArray, readNpy } from "./npy";
import { SeenKeys } from "./seen-keys";

/** How many rows a top-k `.npy` has, once its dtype and shape are those of one (checked before anything depends on its rows). */
export function topkNpyRows(array: NpyArray, file: string): number {
  if (array.kind !== "int" && array.kind !== "uint") {
    throw new ImportError(file, "header", `Expected integer class indices, found dtype ${array.descr}.`);
  }
  if (array.shape.length < 1 || array.shape.length > 2) {
    throw new ImportError(file, "header", `Expected shape (rows, k) or (rows,), found (${array.shape.join(", ")}).`);
  }
  return array.shape[0]!;
}

/**
 * A top-k `.npy` of class indices, best first: ImageNetV2's `(50000, 5) <i8` arrays, or a 1-D
 * top-1 array such as cleanlab's `imagenet_val_set_pyx_argmax_predicted_labels.npy` (`<u2`).
 * Rows are in the folder order of one split (see folderOrder and npyRowOrder); rowToImage maps
 * them to images. No scores.
 */
export function parseTopkNpy(
  buffer: Uint8Array,
  file: string,
  rowToImage: (row: number) => ImageRef,
  expectedRows = VALIDATION_IMAGE_COUNT,
): PredictionRecord[] {
  const array = readNpy(buffer, file);
  const rows = topkNpyRows(array, file);
  const k = array.shape[1] ?? 1;
  if (rows !== expectedRows) throw new ImportError(file, "header", `Expected ${expectedRows} rows (one per image), found ${rows}.`);
  if (k < 1 || k > CLASS_COUNT) throw new ImportError(file, "header", `Expected 1..${CLASS_COUNT} predictions per row, found ${k}.`);
  // The row an image was first seen at, not a `row N` text per row: messages are written only on failure.
  const firstRow = new Map<number | string, number>();
  const records: PredictionRecord[] = new Array(rows);
  for (let row = 0; row < rows; row++) {
    const image = rowToImage(row);
    if (image.fileNumber !== undefined && (!Number.isInteger(image.fileNumber) || image.fileNumber < 1 || image.fileNumber > VALIDATION_IMAGE_COUNT)) {
      throw new ImportError(file, `row ${row}`, `The row order maps this row to ${preview(image.fileNumber)}, not a file number 1..50000.`);
    }
    const key = image.fileNumber ?? image.fileKey;
    const earlier = firstRow.get(key);
    if (earlier !== undefined) throw new ImportError(file, `row ${row}`, `Image ${key} appears twice: at row ${earlier} and at row ${row}.`);
    firstRow.set(key, row);
    const classes: number[] = new Array(k);
    for (let j = 0; j < k; j++) {
      const c = array.number(row * k + j);
      if (c < 0 || c >= CLASS_COUNT) throw new ImportError(file, `row ${row}, column ${j}`, `${c} is not a class index 0..999.`);
      for (let m = 0; m < j; m++) {
        if (classes[m] === c) throw new ImportError(file, `row ${row}, column ${j}`, `Class ${c} appears twice in the row.`);
      }
      classes[j] = c;
    }
    records[row] = image.fileNumber !== undefined ? { fileNumber: image.fileNumber, classes, scores: [] } : { fileKey: image.fileKey, classes, scores: [] };
  }
  return byFileNumber(records);
}

/**
 * Which split a `.npy` covers: the one with as many images in its row order as the file has rows
 * (validation first when two tie). The file names no images, so its length is all there is to go by.
 */
export function npyRowOrder(orders: readonly { split: string; rows: readonly ImageRef[] }[], rows: number, file: string): readonly ImageRef[] {
  const fitting = orders.filter((order) => order.rows.length === rows);
  const chosen = fitting.find((order) => order.split === "VAL") ?? fitting[0];
  if (fitting.length > 1 && chosen!.split !== "VAL") {
    throw new ImportError(file, "header", `The ${fitting.map((o) => o.split.toLowerCase()).join(" and ")} splits both have ${rows} images; a .npy cannot say which it covers (use .csv or .jsonl, which name each image).`);
  }
  if (chosen) return chosen.rows;
  const expected = orders.length === 1 ? `${orders[0]!.rows.length} rows (one per image)` : `${orders.map((o) => o.rows.length).join(" or ")} rows (one per image of the ${orders.map((o) => o.split.toLowerCase()).join(" or ")} split)`;
  throw new ImportError(file, "header", `Expected ${expected}, found ${rows}.`);
}

interface Scored {
  classIndex: number;
  score: number | null;
  order: number;
  where: string;
}

/** Best first: by score descending, ties (and unscored rows) in file order. */
function ordered(image: ImageRef, items: Scored[], file: string): PredictionRecord {
  const scored = items.filter((i) => i.score !== null).length;
  if (scored !== 0 && scored !== items.length) {
    throw new ImportError(file, items.find((i) => i.score === null)!.where, `Image ${shown(image)} has scores for some classes and not for others.`);
  }
  items.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.order - b.order);
  return { ...image, classes: items.map((i) => i.classIndex), scores: scored === 0 ? [] : items.map((i) => i.score!) };
}

function finish(groups: Map<string, Group>, file: string): PredictionRecord[] {
  return byFileNumber([...groups.values()].map(({ image, items }) => ordered(image, items, file)));
}

/** As messages name an image: the validation file number where there is one. */
const shown = (image: ImageRef) => String(image.fileNumber ?? image.fileKey);

interface Group {
  image: ImageRef;
  items: Scored[];
}

function addScored(groups: Map<string, Group>, image: ImageRef, item: Scored, file: string): void {
  const key = imageKey(image);
  let items = groups.get(key)?.items;
  if (!items) {
    items = [];
    groups.set(key, { image, items });
  }
  const earlier = items.find((i) => i.classIndex === item.classIndex);
  if (earlier) throw new ImportError(file, item.where, `Image ${shown(image)} has class ${item.classIndex} twice: at ${earlier.where} and at ${item.where}.`);
  items.push(item);
}

function toScore(value: unknown, file: string, where: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  const n = typeof value === "string" ? Number(value.trim()) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new ImportError(file, where, `The score ${preview(value)} is not a finite number.`);
  return n;
}

/** `file,class,score` rows (file a name or number, class an index or wnid), grouped per image. */
export function parsePredictionsCsv(text: string, file: string, wnidToIndex?: ReadonlyMap<string, number>): PredictionRecord[] {
  const table = readCsv(text, file, ["file", "class", "score"]);
  const groups = new Map<string, Group>();
  table.rows.forEach((row, order) => {
    const image = toImageRef(cell(table, row, "file"), file, rowWhere(row, "file"));
    const classIndex = toClassIndex(cell(table, row, "class"), file, rowWhere(row, "class"), wnidToIndex);
    const score = toScore(cell(table, row, "score"), file, rowWhere(row, "score"));
    addScored(groups, image, { classIndex, score, order, where: rowWhere(row) }, file);
  });
  return finish(groups, file);
}

/**
 * JSON Lines, either one image per line `{"file", "classes": [...], "scores": [...]}` (scores
 * optional) or one prediction per line `{"file", "class", "score"}`. An image given per-image
 * may not appear on another line.
 */
export function parsePredictionsJsonl(text: string, file: string, wnidToIndex?: ReadonlyMap<string, number>): PredictionRecord[] {
  return byFileNumber([...readPredictionsJsonl(text.split("\n"), file, wnidToIndex)]);
}

/**
 * parsePredictionsJsonl over lines as they are read, in file order: a per-image line is yielded
 * as soon as it is checked, so a file of a million images never sits in memory (only the keys
 * seen, to refuse a repeat). Per-prediction lines are grouped and follow at the end.
 */
export function* readPredictionsJsonl(lines: Iterable<string>, file: string, wnidToIndex?: ReadonlyMap<string, number>): Generator<PredictionRecord> {
  const groups = new Map<string, Group>();
  const perImage = new SeenKeys();
  const iterator = lines[Symbol.iterator]();
  let order = 0;
  for (let i = 0, next = iterator.next(); !next.done; i++, next = iterator.next()) {
    const line = (i === 0 ? next.value.replace(/^\ufeff/, "") : next.value).trim();
    if (line === "") continue;
    const where = `line ${i + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      throw new ImportError(file, where, restIsBlank(iterator) ? "The last line is not complete JSON; the file looks truncated." : `The line is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`);
    }
    if (!isPlainObject(entry)) throw new ImportError(file, where, `Expected a JSON object, found ${preview(entry)}.`);
    const image = toImageRef(entry.file, file, `${where}, field file`);
    const key = imageKey(image);
    if ("classes" in entry) {
      if (groups.has(key)) throw new ImportError(file, where, `Image ${shown(image)} already has predictions on an earlier line.`);
      const earlier = perImage.add(key, i + 1);
      if (earlier !== undefined) throw new ImportError(file, where, `Image ${shown(image)} already has predictions on line ${earlier}.`);
      yield topK(image, entry.classes, entry.scores, file, where, wnidToIndex);
    } else if ("class" in entry) {
      const whole = perImage.lineOf(key);
      if (whole !== undefined) throw new ImportError(file, where, `Image ${shown(image)} was already given as a whole top-k list on line ${whole}.`);
      const classIndex = toClassIndex(entry.class, file, `${where}, field class`, wnidToIndex);
      const score = toScore(entry.score, file, `${where}, field score`);
      addScored(groups, image, { classIndex, score, order: order++, where }, file);
    } else {
      throw new ImportError(file, where, 'Expected "classes" (a top-k list) or "class" (one prediction).');
    }
  }
  yield* finish(groups, file);
}

function restIsBlank(lines: Iterator<string>): boolean {
  for (let next = lines.next(); !next.done; next = lines.next()) if (next.value.trim() !== "") return false;
  return true;
}

/** One per-image line's record, checked and ordered as finish() orders a group. */
function topK(image: ImageRef, classes: unknown, scores: unknown, file: string, where: string, wnidToIndex?: ReadonlyMap<string, number>): PredictionRecord {
  if (!Array.isArray(classes) || classes.length === 0) throw new ImportError(file, `${where}, field classes`, `Expected a non-empty list of classes, found ${preview(classes)}.`);
  if (scores !== undefined && scores !== null && (!Array.isArray(scores) || scores.length !== classes.length)) {
    throw new ImportError(file, `${where}, field scores`, `Expected ${classes.length} scores, one per class, found ${preview(scores)}.`);
  }
  // Without scores the order is the file's: no Scored items, no sort, and each place's name
  // (`line 7, classes[2]`) is written only for a message — 1.43M lines per model at ImageNet's size.
  if (scores === undefined || scores === null) return { ...image, classes: unscoredTopK(image, classes, file, where, wnidToIndex), scores: [] };
  const items: Scored[] = [];
  classes.forEach((c: unknown, j) => {
    const classIndex = toClassIndex(c, file, `${where}, classes[${j}]`, wnidToIndex);
    const score = Array.isArray(scores) ? toScore(scores[j], file, `${where}, scores[${j}]`) : null;
    const earlier = items.find((item) => item.classIndex === classIndex);
    if (earlier) throw new ImportError(file, `${where}, classes[${j}]`, `Image ${shown(image)} has class ${classIndex} twice: at ${earlier.where} and at ${where}, classes[${j}].`);
    items.push({ classIndex, score, order: j, where: `${where}, classes[${j}]` });
  });
  return ordered(image, items, file);
}

function unscoredTopK(image: ImageRef, classes: unknown[], file: string, where: string, wnidToIndex?: ReadonlyMap<string, number>): number[] {
  const indices: number[] = new Array(classes.length);
  for (let j = 0; j < classes.length; j++) {
    const c = classes[j];
    // A whole number in range is what toClassIndex would return for it; anything else goes through it.
    const classIndex = typeof c === "number" && Number.isInteger(c) && c >= 0 && c < CLASS_COUNT ? c : toClassIndex(c, file, `${where}, classes[${j}]`, wnidToIndex);
    for (let k = 0; k < j; k++) {
      if (indices[k] === classIndex) throw new ImportError(file, `${where}, classes[${j}]`, `Image ${shown(image)} has class ${classIndex} twice: at ${where}, classes[${k}] and at ${where}, classes[${j}].`);
    }
    indices[j] = classIndex;
  }
  return indices;
}
