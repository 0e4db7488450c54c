import { ImportError } from "../import-error";
import type { PredictionRecord } from "../records";
import { cell, readCsv, rowWhere } from "./csv-input";
import { byFileNumber, CLASS_COUNT, SeenImages, toClassIndex, toFileNumber, VALIDATION_IMAGE_COUNT } from "./identifiers";
import { isPlainObject, preview } from "./json-input";
import { expectArray, readNpy } from "./npy";

/**
 * A top-k `.npy` of class indices, best first: ImageNetV2's `(50000, 5) <i8` arrays, or a 1-D
 * top-1 array such as cleanlab's `imagenet_val_set_pyx_argmax_predicted_labels.npy` (`<u2`).
 * Rows are in class-folder order; rowToFileNumber maps them (see classFolderOrder). No scores.
 */
export function parseTopkNpy(
  buffer: Uint8Array,
  file: string,
  rowToFileNumber: (row: number) => number,
  expectedRows = VALIDATION_IMAGE_COUNT,
): PredictionRecord[] {
  const array = readNpy(buffer, file);
  if (array.kind !== "int" && array.kind !== "uint") {
    throw new ImportError(file, "header", `Expected integer class indices, found dtype ${array.descr}.`);
  }
  if (array.shape.length < 1 || array.shape.length > 2) {
    throw new ImportError(file, "header", `Expected shape (rows, k) or (rows,), found (${array.shape.join(", ")}).`);
  }
  const rows = array.shape[0]!;
  const k = array.shape[1] ?? 1;
  if (rows !== expectedRows) throw new ImportError(file, "header", `Expected ${expectedRows} rows (one per image), found ${rows}.`);
  if (k < 1 || k > CLASS_COUNT) throw new ImportError(file, "header", `Expected 1..${CLASS_COUNT} predictions per row, found ${k}.`);
  const seen = new SeenImages(file);
  const records: PredictionRecord[] = new Array(rows);
  for (let row = 0; row < rows; row++) {
    const where = `row ${row}`;
    const fileNumber = rowToFileNumber(row);
    if (!Number.isInteger(fileNumber) || fileNumber < 1 || fileNumber > VALIDATION_IMAGE_COUNT) {
      throw new ImportError(file, where, `The row order maps this row to ${preview(fileNumber)}, not a file number 1..50000.`);
    }
    seen.add(fileNumber, where);
    const classes: number[] = new Array(k);
    for (let j = 0; j < k; j++) {
      const c = array.number(row * k + j);
      if (c < 0 || c >= CLASS_COUNT) throw new ImportError(file, `${where}, column ${j}`, `${c} is not a class index 0..999.`);
      if (classes.includes(c)) throw new ImportError(file, `${where}, column ${j}`, `Class ${c} appears twice in the row.`);
      classes[j] = c;
    }
    records[row] = { fileNumber, classes, scores: [] };
  }
  return byFileNumber(records);
}

interface Scored {
  classIndex: number;
  score: number | null;
  order: number;
  where: string;
}

/** Best first: by score descending, ties (and unscored rows) in file order. */
function finish(groups: Map<number, Scored[]>, file: string): PredictionRecord[] {
  const records: PredictionRecord[] = [];
  for (const [fileNumber, items] of groups) {
    const scored = items.filter((i) => i.score !== null).length;
    if (scored !== 0 && scored !== items.length) {
      throw new ImportError(file, items.find((i) => i.score === null)!.where, `Image ${fileNumber} has scores for some classes and not for others.`);
    }
    items.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.order - b.order);
    records.push({
      fileNumber,
      classes: items.map((i) => i.classIndex),
      scores: scored === 0 ? [] : items.map((i) => i.score!),
    });
  }
  return byFileNumber(records);
}

function addScored(groups: Map<number, Scored[]>, fileNumber: number, item: Scored, file: string): void {
  let items = groups.get(fileNumber);
  if (!items) {
    items = [];
    groups.set(fileNumber, items);
  }
  const earlier = items.find((i) => i.classIndex === item.classIndex);
  if (earlier) throw new ImportError(file, item.where, `Image ${fileNumber} has class ${item.classIndex} twice: at ${earlier.where} and at ${item.where}.`);
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
  const groups = new Map<number, Scored[]>();
  table.rows.forEach((row, order) => {
    const fileNumber = toFileNumber(cell(table, row, "file"), file, rowWhere(row, "file"));
    const classIndex = toClassIndex(cell(table, row, "class"), file, rowWhere(row, "class"), wnidToIndex);
    const score = toScore(cell(table, row, "score"), file, rowWhere(row, "score"));
    addScored(groups, fileNumber, { classIndex, score, order, where: rowWhere(row) }, file);
  });
  return finish(groups, file);
}

/**
 * JSON Lines, either one image per line `{"file", "classes": [...], "scores": [...]}` (scores
 * optional) or one prediction per line `{"file", "class", "score"}`. An image given per-image
 * may not appear on another line.
 */
export function parsePredictionsJsonl(text: string, file: string, wnidToIndex?: ReadonlyMap<string, number>): PredictionRecord[] {
  const groups = new Map<number, Scored[]>();
  const perImage = new SeenImages(file);
  const lines = text.replace(/^\ufeff/, "").split("\n");
  let order = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const where = `line ${i + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      const atEnd = i === lines.length - 1 || lines.slice(i + 1).every((l) => l.trim() === "");
      throw new ImportError(file, where, atEnd ? "The last line is not complete JSON; the file looks truncated." : `The line is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`);
    }
    if (!isPlainObject(entry)) throw new ImportError(file, where, `Expected a JSON object, found ${preview(entry)}.`);
    const fileNumber = toFileNumber(entry.file, file, `${where}, field file`);
    if ("classes" in entry) {
      const { classes, scores } = entry;
      if (!Array.isArray(classes) || classes.length === 0) throw new ImportError(file, `${where}, field classes`, `Expected a non-empty list of classes, found ${preview(classes)}.`);
      if (scores !== undefined && scores !== null && (!Array.isArray(scores) || scores.length !== classes.length)) {
        throw new ImportError(file, `${where}, field scores`, `Expected ${classes.length} scores, one per class, found ${preview(scores)}.`);
      }
      if (groups.has(fileNumber)) throw new ImportError(file, where, `Image ${fileNumber} already has predictions on an earlier line.`);
      perImage.add(fileNumber, where);
      classes.forEach((c: unknown, j) => {
        const classIndex = toClassIndex(c, file, `${where}, classes[${j}]`, wnidToIndex);
        const score = Array.isArray(scores) ? toScore(scores[j], file, `${where}, scores[${j}]`) : null;
        addScored(groups, fileNumber, { classIndex, score, order: order++, where: `${where}, classes[${j}]` }, file);
      });
    } else if ("class" in entry) {
      if (perImage.has(fileNumber)) throw new ImportError(file, where, `Image ${fileNumber} was already given as a whole top-k list.`);
      const classIndex = toClassIndex(entry.class, file, `${where}, field class`, wnidToIndex);
      const score = toScore(entry.score, file, `${where}, field score`);
      addScored(groups, fileNumber, { classIndex, score, order: order++, where }, file);
    } else {
      throw new ImportError(file, where, 'Expected "classes" (a top-k list) or "class" (one prediction).');
    }
  });
  return finish(groups, file);
}
