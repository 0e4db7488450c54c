import { ImportError } from "../import-error";
import type { ImageRef, VerdictRecord } from "../records";
import { cell, readCsvBlocks, rowWhere } from "./csv-input";
import { appearsTwice, byFileNumber, imageKey, SeenImages, toClassIndex, toImageRef, validationFileNumber } from "./identifiers";
import { isPlainObject, parseJsonText, preview } from "./json-input";
import { SeenKeys } from "./seen-keys";

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

/**
 * A `file,class` CSV of original labels: file is a validation file name or number, or the file
 * name of an image of any split (`n01440764/n01440764_10026.JPEG`); class an index or a wnid.
 */
export function parseFileClassCsv(
  text: string,
  file: string,
  wnidToIndex: ReadonlyMap<string, number>,
): VerdictRecord[] {
  return byFileNumber([...readFileClassCsv(text.split("\n"), file, wnidToIndex)]);
}

/** parseFileClassCsv over a file's lines as they are read, in file order (see readCsvBlocks). */
export function* readFileClassCsv(lines: Iterable<string>, file: string, wnidToIndex: ReadonlyMap<string, number>): Generator<VerdictRecord> {
  const seen = new SeenKeys();
  for (const table of readCsvBlocks(lines, file, ["file", "class"])) {
    for (const row of table.rows) {
      const image = toImageRef(cell(table, row, "file"), file, rowWhere(row, "file"));
      const classIndex = toClassIndex(cell(table, row, "class"), file, rowWhere(row, "class"), wnidToIndex);
      const earlier = seen.add(imageKey(image), row.line);
      if (earlier !== undefined) throw appearsTwice(file, image.fileNumber ?? image.fileKey, `line ${earlier}`, rowWhere(row));
      yield { ...image, status: "LABELED", classes: [classIndex] };
    }
  }
}

/** An image as a `.npy` row order sees it: how records name it, and its one original class (null in a split without labels). */
export interface OrderedImage {
  ref: ImageRef;
  original: number | null;
}

/**
 * Class-folder order (torchvision ImageFolder): class folders sorted by wnid, file names sorted
 * inside each. Class indices follow wnid order, so that is (class, file name) — for validation
 * images (class, file number), file names being zero-padded. Images without a class (a test
 * split: one flat folder) come in file-name order. Any split: a training image's file name is
 * `n01440764_10026.JPEG`.
 */
export function folderOrder(images: readonly OrderedImage[]): ImageRef[] {
  // File numbers compare as their zero-padded names do, and far faster than the text (50,000 validation rows).
  const byName = (a: ImageRef, b: ImageRef) => {
    if (a.fileNumber !== undefined && b.fileNumber !== undefined) return a.fileNumber - b.fileNumber;
    const [x, y] = [imageKey(a), imageKey(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...images].sort((a, b) => (a.original ?? -1) - (b.original ?? -1) || byName(a.ref, b.ref)).map((image) => image.ref);
}

/** Class-folder order of the validation images: row → file number for the cleanlab `.npy` arrays and the ImageNetV2 prediction rows. */
export function classFolderOrder(originalLabels: readonly VerdictRecord[]): number[] {
  const images = originalLabels.map((record): OrderedImage => {
    const [classIndex, ...rest] = record.classes;
    if (record.fileNumber === undefined) throw new Error(`classFolderOrder orders validation images, not ${record.fileKey}`);
    if (classIndex === undefined || rest.length > 0) {
      throw new Error(`classFolderOrder needs exactly one original class per image (image ${record.fileNumber})`);
    }
    return { ref: { fileNumber: record.fileNumber }, original: classIndex };
  });
  return folderOrder(images).map((ref) => ref.fileNumber!);
}

/** Turns a row order into the lookup the `.npy` parsers take, failing clearly past its end. */
export function rowLookup<T>(order: readonly T[]): (row: number) => T {
  return (row) => {
    const image = order[row];
    if (image === undefined) throw new RangeError(`Row ${row} is beyond the ${order.length} known rows`);
    return image;
  };
}
