import { ImportError } from "../import-error";
import type { VerdictRecord } from "../records";
import { CLASS_COUNT, SeenImages, sortedUnique, toClassIndex, validationFileNumber, VALIDATION_IMAGE_COUNT } from "./identifiers";
import { parseJsonText, preview } from "./json-input";
import { expectArray, readNpy, readNpz } from "./npy";

/**
 * ReaL `real.json`: 50,000 lists of class indices; position i is file number i + 1 (file-name
 * order, unlike the class-folder order of the .npy files). Lists are unordered sets; an empty
 * list means the raters found no fitting label.
 */
export function parseRealJson(text: string, file: string): VerdictRecord[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array with one list of class indices per image.");
  if (data.length !== VALIDATION_IMAGE_COUNT) {
    throw new ImportError(file, null, `Expected ${VALIDATION_IMAGE_COUNT} lists (one per validation image), found ${data.length}.`);
  }
  return data.map((labels: unknown, position): VerdictRecord => {
    const where = `position ${position} (image ${position + 1})`;
    if (!Array.isArray(labels)) throw new ImportError(file, where, `Expected a list of class indices, found ${preview(labels)}.`);
    // Only real numbers: a string here would mean a different file was given.
    const classes = sortedUnique(
      labels.map((c: unknown) => {
        if (typeof c !== "number") throw new ImportError(file, where, `Expected class indices as numbers, found ${preview(c)}.`);
        return toClassIndex(c, file, where);
      }),
    );
    if (classes.length === 0) return { fileNumber: position + 1, status: "NONE_FIT", classes: [] };
    // The set is what counts; the file's order is kept only where it differs, so analytics can
    // repeat the "Flaws of ImageNet" comparison of label strings.
    const inFileOrder = labels as number[];
    const reordered = inFileOrder.length !== classes.length || inFileOrder.some((c, i) => c !== classes[i]);
    return reordered ? { fileNumber: position + 1, status: "LABELED", classes, details: { labelsInFileOrder: inFileOrder } } : { fileNumber: position + 1, status: "LABELED", classes };
  });
}

/**
 * ReaL `scores.npz`. Inspected with NumPy: two members,
 *   `tensor.npy` float64 (184962,)   Dawid-Skene probability that the label fits,
 *   `info.npy`   <U28 (184962, 2)     [file name, class index as a *string*] per score,
 * rows not sorted, every (image, class) pair once, covering the 24,889 human-rated images
 * (the same images as `manual_real_imgs.npy`). Returns fileNumber → {classIndex: score}.
 */
export function parseRealScoresNpz(buffer: Uint8Array, file: string): Map<number, Record<string, number>> {
  const arrays = readNpz(buffer, file, ["tensor", "info"]);
  const tensor = arrays.get("tensor")!;
  const info = arrays.get("info")!;
  expectArray(tensor, `${file}/tensor.npy`, ["float"], 1);
  expectArray(info, `${file}/info.npy`, ["unicode", "bytes"], 2);
  const rows = tensor.shape[0]!;
  if (info.shape[0] !== rows || info.shape[1] !== 2) {
    throw new ImportError(file, "info.npy", `Expected info of shape (${rows}, 2) to match tensor, found (${info.shape.join(", ")}).`);
  }
  const pairs = new Map<number, number[]>();
  // One bit per (image, class), 6 MB: a Set of the 185k pairs cost 8 % of this parse.
  const seenPairs = new Uint8Array(((VALIDATION_IMAGE_COUNT + 1) * CLASS_COUNT) >> 3);
  let lastName = "";
  let lastNumber: number | null = null;
  for (let row = 0; row < rows; row++) {
    const where = `row ${row}`;
    const name = info.string(row * 2);
    // Rows come grouped by image, so the previous row's name usually repeats.
    const fileNumber: number | null = name === lastName ? lastNumber : validationFileNumber(name);
    if (fileNumber === null) throw new ImportError(file, where, `${preview(name)} is not a validation file name.`);
    lastName = name;
    lastNumber = fileNumber;
    const classIndex = toClassIndex(info.string(row * 2 + 1), file, where);
    const score = tensor.number(row);
    if (!(score >= 0 && score <= 1)) throw new ImportError(file, where, `Score ${score} is not a probability in 0..1.`);
    const pair = fileNumber * CLASS_COUNT + classIndex;
    const byte = pair >> 3;
    const bit = 1 << (pair & 7);
    if (seenPairs[byte]! & bit) throw new ImportError(file, where, `Image ${fileNumber} has two scores for class ${classIndex}.`);
    seenPairs[byte] = seenPairs[byte]! | bit;
    let list = pairs.get(fileNumber);
    if (!list) {
      list = [];
      pairs.set(fileNumber, list);
    }
    list.push(classIndex, score);
  }
  const scores = new Map<number, Record<string, number>>();
  for (const fileNumber of [...pairs.keys()].sort((a, b) => a - b)) {
    scores.set(fileNumber, scoreRecord(pairs.get(fileNumber)!));
  }
  return scores;
}

/**
 * {classIndex: score} from flat [class, score, ...] pairs, keys ascending. Built through
 * JSON.parse on purpose: V8 stores integer keys as array elements, so `o[999] = x` on a plain
 * object allocates ~1000 slots (8 KB); for ReaL's 24,889 images that was 210 MB and 1.3 s,
 * against 14 MB and 0.07 s for the dictionary-backed objects JSON.parse creates.
 * JSON.stringify writes the shortest text that round-trips each double exactly.
 */
export function scoreRecord(flatPairs: readonly number[]): Record<string, number> {
  const entries: [number, number][] = [];
  for (let k = 0; k < flatPairs.length; k += 2) entries.push([flatPairs[k]!, flatPairs[k + 1]!]);
  entries.sort((a, b) => a[0] - b[0]);
  return JSON.parse(`{${entries.map(([c, s]) => `"${c}":${JSON.stringify(s)}`).join(",")}}`) as Record<string, number>;
}

/** Copies ReaL scores onto the verdicts of the same images (verdicts are not mutated). */
export function withRealScores(
  verdicts: readonly VerdictRecord[],
  scores: ReadonlyMap<number, Record<string, number>>,
): VerdictRecord[] {
  return verdicts.map((v) => {
    const s = (v.fileNumber === undefined ? undefined : scores.get(v.fileNumber));
    // Shared, not copied: a spread would rebuild the slow integer-keyed layout (see scoreRecord).
    return s ? { ...v, scores: s } : v;
  });
}

/**
 * "Flaws of ImageNet" `manual_real_imgs.npy`: `<U28` file names of the ReaL images humans
 * actually rated (the rest were accepted automatically). Returns sorted file numbers.
 */
export function parseManualRealImages(buffer: Uint8Array, file: string): number[] {
  const array = readNpy(buffer, file);
  expectArray(array, file, ["unicode", "bytes"], 1);
  const seen = new SeenImages(file);
  const numbers: number[] = [];
  for (let i = 0; i < array.size; i++) {
    const name = array.string(i);
    const fileNumber = validationFileNumber(name);
    if (fileNumber === null) throw new ImportError(file, `element ${i}`, `${preview(name)} is not a validation file name.`);
    seen.add(fileNumber, `element ${i}`);
    numbers.push(fileNumber);
  }
  return numbers.sort((a, b) => a - b);
}
