import { ImportError } from "../import-error";
import type { ImageRef } from "../records";
import { preview } from "./json-input";

export const VALIDATION_IMAGE_COUNT = 50_000;
export const CLASS_COUNT = 1000;

const VAL_NAME = /^ILSVRC2012_val_(\d{8})\.JPEG$/;
const WNID = /^n\d{8}$/;
const DIGITS = /^\d+$/;

/** The file key of a validation image: what the val-only formats' file numbers name. */
export const validationFileName = (fileNumber: number) => `ILSVRC2012_val_${String(fileNumber).padStart(8, "0")}.JPEG`;

/** The key an image has in its dataset, whichever way the record names it. */
export const imageKey = (ref: ImageRef): string => ref.fileKey ?? validationFileName(ref.fileNumber);

export function isWnid(value: string): boolean {
  return WNID.test(value);
}

/** File number of a validation file name, or null when the name is not one. Paths are allowed. */
export function validationFileNumber(name: string): number | null {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  const match = VAL_NAME.exec(base);
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= VALIDATION_IMAGE_COUNT ? n : null;
}

/**
 * An image reference as files write it: `ILSVRC2012_val_00000293.JPEG` (optionally with a folder),
 * or the bare file number as an integer or digit string.
 */
export function toFileNumber(value: unknown, file: string, where: string): number {
  if (typeof value === "string") {
    const fromName = validationFileNumber(value.trim());
    if (fromName !== null) return fromName;
    if (DIGITS.test(value.trim())) return checkFileNumber(Number(value.trim()), file, where);
    throw new ImportError(
      file,
      where,
      `${preview(value)} is not a validation image: expected a name like ILSVRC2012_val_00000001.JPEG or a file number 1..50000.`,
    );
  }
  if (typeof value === "number") return checkFileNumber(value, file, where);
  throw new ImportError(file, where, `Expected an image file name or number, found ${preview(value)}.`);
}

const IMAGE_NAME = /\.(jpe?g|png|webp)$/i;

/**
 * An image reference in the generic formats (original labels, predictions): a validation file
 * name or number as toFileNumber reads it, or else the file name of an image of any split or
 * dataset (`train/n01440764/n01440764_10026.JPEG` names the key `n01440764_10026.JPEG`).
 */
export function toImageRef(value: unknown, file: string, where: string): ImageRef {
  if (typeof value === "string") {
    const text = value.trim();
    const base = text.slice(Math.max(text.lastIndexOf("/"), text.lastIndexOf("\\")) + 1);
    if (validationFileNumber(base) === null && !DIGITS.test(text) && !VAL_NAME.test(base)) {
      if (IMAGE_NAME.test(base)) return { fileKey: base };
      throw new ImportError(file, where, `${preview(value)} is not an image file name (.JPEG, .jpg, .png, .webp) or a validation file number 1..50000.`);
    }
  }
  return { fileNumber: toFileNumber(value, file, where) };
}

function checkFileNumber(n: number, file: string, where: string): number {
  if (!Number.isInteger(n) || n < 1 || n > VALIDATION_IMAGE_COUNT) {
    throw new ImportError(file, where, `File number ${preview(n)} is outside 1..50000.`);
  }
  return n;
}

/**
 * A class index 0..999 written as a number, a digit string (ReaL's npz, the "Flaws" CSVs) or,
 * when a wnid table is given, a wnid.
 */
export function toClassIndex(
  value: unknown,
  file: string,
  where: string,
  wnidToIndex?: ReadonlyMap<string, number>,
): number {
  let n: number | undefined;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    const s = value.trim();
    if (DIGITS.test(s)) n = Number(s);
    else if (isWnid(s)) {
      if (!wnidToIndex) throw new ImportError(file, where, `Found wnid ${s} where a class index 0..999 was expected.`);
      const index = wnidToIndex.get(s);
      if (index === undefined) throw new ImportError(file, where, `Unknown wnid ${s}: it is not one of the 1000 ImageNet classes.`);
      return index;
    }
  }
  if (n === undefined || !Number.isInteger(n) || n < 0 || n >= CLASS_COUNT) {
    throw new ImportError(file, where, `${preview(value)} is not a class index 0..999${wnidToIndex ? " or a known wnid" : ""}.`);
  }
  return n;
}

/** Sorted ascending, duplicates removed: label lists in these files are sets. */
export function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A repeat's error, naming both places (the message SeenImages and the streamed readers' SeenKeys give alike). */
export const appearsTwice = (file: string, image: number | string, earlier: string, where: string) =>
  new ImportError(file, where, `Image ${image} appears twice: at ${earlier} and at ${where}.`);

/**
 * Remembers where each validation image of a file read whole was first seen, so a repeat names
 * both places. Streamed files, which may name every image of ImageNet, use SeenKeys instead.
 */
export class SeenImages {
  private readonly firstSeen = new Map<number, string>();

  constructor(private readonly file: string) {}

  add(fileNumber: number, where: string): void {
    const earlier = this.firstSeen.get(fileNumber);
    if (earlier !== undefined) throw appearsTwice(this.file, fileNumber, earlier, where);
    this.firstSeen.set(fileNumber, where);
  }
}

/** By validation file number, records named by file key after them in key order. */
export function byFileNumber<T extends ImageRef>(records: T[]): T[] {
  if (records.every(isValidationNumbered)) return countingSort(records);
  return records.sort((a, b) =>
    a.fileNumber !== undefined && b.fileNumber !== undefined ? a.fileNumber - b.fileNumber
    : a.fileNumber !== undefined ? -1 : b.fileNumber !== undefined ? 1
    : a.fileKey! < b.fileKey! ? -1 : a.fileKey! > b.fileKey! ? 1 : 0);
}

/**
 * The all-validation case, stable like Array.sort, in linear time: a comparator sort of 50,000
 * records was a tenth of the bundle import's JavaScript.
 */
const isValidationNumbered = (record: ImageRef) =>
  record.fileNumber !== undefined && Number.isInteger(record.fileNumber) && record.fileNumber >= 0 && record.fileNumber <= VALIDATION_IMAGE_COUNT;

function countingSort<T extends ImageRef>(records: T[]): T[] {
  const starts = new Int32Array(VALIDATION_IMAGE_COUNT + 2);
  for (const record of records) starts[record.fileNumber! + 1]!++;
  for (let n = 1; n < starts.length; n++) starts[n]! += starts[n - 1]!;
  const sorted = new Array<T>(records.length);
  for (const record of records) sorted[starts[record.fileNumber!]!++] = record;
  for (let i = 0; i < sorted.length; i++) records[i] = sorted[i]!;
  return records;
}

export function wnidIndexMap(classes: readonly { index: number; wnid: string }[]): Map<string, number> {
  return new Map(classes.map((c) => [c.wnid, c.index]));
}
