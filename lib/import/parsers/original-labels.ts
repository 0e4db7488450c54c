import { ImportError } from "../import-error";
import type { VerdictRecord } from "../records";
import { cell, readCsv, rowWhere } from "./csv-input";
import { byFileNumber, SeenImages, toClassIndex, toFileNumber, validationFileNumber } from "./identifiers";
import { isPlainObject, parseJsonText, preview } from "./json-input";

/**
 * ImageNetV2's `imagenet-validation-original.json`: `{"image_filenames": [[file, wnid], ...]}`.
 * The list itself is in class-folder order, but records are returned by file number; use
 * classFolderOrder() to recover the row order other files rely on.
 */
export function parseOriginalValidationJson(
  text: string,
  file: string,
  wnidToIndex: ReadonlyMap<string, number>,
): VerdictRecord[] {
  const data = parseJsonText(text, file);
  if (!isPlainObject(data) || !Array.isArray(data.image_filenames)) {
    throw new ImportError(file, null, 'Expected an object with an "image_filenames" list of [file name, wnid] pairs.');
  }
  const seen = new SeenImages(file);
  const records = data.image_filenames.map((pair: unknown, position): VerdictRecord => {
    const where = `image_filenames position ${position}`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
      throw new ImportError(file, where, `Expected a [file name, wnid] pair, found ${preview(pair)}.`);
    }
    const fileNumber = validationFileNumber(pair[0]);
    if (fileNumber === null) {
      throw new ImportError(file, where, `${preview(pair[0])} is not a validation file name like ILSVRC2012_val_00000001.JPEG.`);
    }
    const classIndex = wnidToIndex.get(pair[1]);
    if (classIndex === undefined) {
      throw new ImportError(file, where, `Unknown wnid ${preview(pair[1])}: it is not one of the 1000 ImageNet classes.`);
    }
    seen.add(fileNumber, where);
    return { fileNumber, status: "LABELED", classes: [classIndex] };
  });
  return byFileNumber(records);
}

/** A `file,class` CSV of original labels: file is a name or number, class an index or a wnid. */
export function parseFileClassCsv(
  text: string,
  file: string,
  wnidToIndex: ReadonlyMap<string, number>,
): VerdictRecord[] {
  const table = readCsv(text, file, ["file", "class"]);
  const seen = new SeenImages(file);
  const records = table.rows.map((row): VerdictRecord => {
    const fileNumber = toFileNumber(cell(table, row, "file"), file, rowWhere(row, "file"));
    const classIndex = toClassIndex(cell(table, row, "class"), file, rowWhere(row, "class"), wnidToIndex);
    seen.add(fileNumber, rowWhere(row));
    return { fileNumber, status: "LABELED", classes: [classIndex] };
  });
  return byFileNumber(records);
}

/**
 * Class-folder order (torchvision ImageFolder): sorted by wnid, then by file name. Because
 * class indices follow wnid order and file names are zero-padded, that is (class, fileNumber).
 * Returns row → file number for the cleanlab `.npy` arrays and the ImageNetV2 prediction rows.
 */
export function classFolderOrder(originalLabels: readonly VerdictRecord[]): number[] {
  const pairs = originalLabels.map((record) => {
    const [classIndex, ...rest] = record.classes;
    if (classIndex === undefined || rest.length > 0) {
      throw new Error(`classFolderOrder needs exactly one original class per image (image ${record.fileNumber})`);
    }
    return { classIndex, fileNumber: record.fileNumber };
  });
  pairs.sort((a, b) => a.classIndex - b.classIndex || a.fileNumber - b.fileNumber);
  return pairs.map((p) => p.fileNumber);
}

/** Turns a row order into the lookup the `.npy` parsers take, failing clearly past its end. */
export function rowLookup(order: readonly number[]): (row: number) => number {
  return (row) => {
    const fileNumber = order[row];
    if (fileNumber === undefined) throw new RangeError(`Row ${row} is beyond the ${order.length} known rows`);
    return fileNumber;
  };
}
