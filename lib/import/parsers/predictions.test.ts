import { describe, expect, it } from "vitest";
import { parsePredictionsCsv, parsePredictionsJsonl, parseTopkNpy } from "./predictions";
import { classFolderOrder, parseOriginalValidationJson, rowLookup } from "./original-labels";
import { wnidIndexMap } from "./identifiers";
import { parseClassInfo } from "./taxonomy";
import { describeWithSharedData, expectImportError, fakeWnids, fixture, fuzzBytes, fuzzText, makeNpy } from "./test-helpers";

const W = [...fakeWnids().keys()];
const n = (k: number) => `ILSVRC2012_val_${String(k).padStart(8, "0")}.JPEG`;

describe("parseTopkNpy", () => {
  // Rows are in class-folder order: here row r holds image 10 - r.
  const reversed = (row: number) => 10 - row;

  it("maps rows through the class-folder order, keeping the top-k order", () => {
    const records = parseTopkNpy(fixture("topk-i8-4x5.npy"), "model.npy", reversed, 4);
    expect(records).toEqual([
      { fileNumber: 7, classes: [7, 8, 9, 6, 5], scores: [] },
      { fileNumber: 8, classes: [999, 0, 1, 2, 3], scores: [] },
      { fileNumber: 9, classes: [10, 11, 12, 13, 14], scores: [] },
      { fileNumber: 10, classes: [1, 2, 3, 4, 5], scores: [] },
    ]);
  });

  it("reads a 1-D top-1 array such as cleanlab's <u2 argmax", () => {
    expect(parseTopkNpy(fixture("top1-u2-6.npy"), "argmax.npy", (r) => r + 1, 6).map((p) => p.classes[0])).toEqual([0, 1, 2, 3, 998, 999]);
  });

  it("rejects float and string dtypes, wrong row counts, out-of-range and repeated classes, bad row maps", () => {
    expectImportError(() => parseTopkNpy(fixture("v2-header-f4-3.npy"), "p.npy", (r) => r + 1, 3), { file: "p.npy", where: "header", problem: /integer class indices, found dtype <f4/ });
    expectImportError(() => parseTopkNpy(fixture("names-U28-3.npy"), "p.npy", (r) => r + 1, 3), { file: "p.npy", where: "header", problem: /found dtype <U28/ });
    expectImportError(() => parseTopkNpy(fixture("topk-i8-4x5.npy"), "p.npy", reversed), { file: "p.npy", where: "header", problem: /Expected 50000 rows.*found 4/ });
    const i8 = (values: number[], shape: string) => {
      const data = new Uint8Array(values.length * 8);
      values.forEach((v, i) => new DataView(data.buffer).setBigInt64(i * 8, BigInt(v), true));
      return makeNpy(`{'descr': '<i8', 'fortran_order': False, 'shape': ${shape}, }`, data);
    };
    expectImportError(() => parseTopkNpy(i8([1, 2, 1000, 3], "(2, 2)"), "p.npy", (r) => r + 1, 2), { file: "p.npy", where: "row 1, column 0", problem: /1000 is not a class index/ });
    expectImportError(() => parseTopkNpy(i8([1, -1], "(1, 2)"), "p.npy", (r) => r + 1, 1), { file: "p.npy", where: "row 0, column 1", problem: /-1 is not a class index/ });
    expectImportError(() => parseTopkNpy(i8([4, 4], "(1, 2)"), "p.npy", (r) => r + 1, 1), { file: "p.npy", where: "row 0, column 1", problem: /Class 4 appears twice/ });
    expectImportError(() => parseTopkNpy(i8([1, 2], "(2, 1)"), "p.npy", () => 5, 2), { file: "p.npy", where: "row 1", problem: /Image 5 appears twice: at row 0 and at row 1/ });
    expectImportError(() => parseTopkNpy(i8([1], "(1, 1)"), "p.npy", () => 0, 1), { file: "p.npy", where: "row 0", problem: /not a file number/ });
    expectImportError(() => parseTopkNpy(i8([1, 2], "(1, 1, 2)"), "p.npy", (r) => r + 1, 1), { file: "p.npy", where: "header", problem: /shape \(rows, k\)/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzBytes(fixture("topk-i8-4x5.npy"), (bytes) => parseTopkNpy(bytes, "f.npy", (r) => r + 1, 4));
  });
});

describe("parsePredictionsCsv", () => {
  const csv = `file,class,score\n${n(2)},5,0.1\n${n(2)},${W[7]},0.7\n1,3,0.5\n${n(2)},9,0.7\n`;

  it("groups rows per image, best score first, ties in file order; wnids resolve", () => {
    expect(parsePredictionsCsv(csv, "p.csv", fakeWnids())).toEqual([
      { fileNumber: 1, classes: [3], scores: [0.5] },
      { fileNumber: 2, classes: [7, 9, 5], scores: [0.7, 0.7, 0.1] },
    ]);
  });

  it("allows a missing score only for a whole image", () => {
    expect(parsePredictionsCsv("file,class,score\n1,3,\n1,4,\n", "p.csv")).toEqual([{ fileNumber: 1, classes: [3, 4], scores: [] }]);
    expectImportError(() => parsePredictionsCsv("file,class,score\n1,3,\n1,4,0.2\n", "p.csv"), { file: "p.csv", where: "line 2", problem: /scores for some classes and not for others/ });
  });

  it("rejects repeated pairs, bad scores, wnids without a table and a wrong header", () => {
    expectImportError(() => parsePredictionsCsv("file,class,score\n1,3,0.1\n1,3,0.2\n", "p.csv"), { file: "p.csv", where: "line 3", problem: /class 3 twice: at line 2 and at line 3/ });
    expectImportError(() => parsePredictionsCsv("file,class,score\n1,3,high\n", "p.csv"), { file: "p.csv", where: "line 2, column score", problem: /not a finite number/ });
    expectImportError(() => parsePredictionsCsv(`file,class,score\n1,${W[3]},0.1\n`, "p.csv"), { file: "p.csv", where: "line 2, column class", problem: /Found wnid/ });
    expectImportError(() => parsePredictionsCsv("image,label,prob\n1,3,0.1\n", "p.csv"), { file: "p.csv", where: "header", problem: /missing file, class, score/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(csv, (text) => parsePredictionsCsv(text, "f.csv", fakeWnids()));
  });
});

describe("parsePredictionsJsonl", () => {
  const jsonl = [
    JSON.stringify({ file: n(3), classes: [5, 9], scores: [0.2, 0.6] }),
    "",
    JSON.stringify({ file: 1, class: 4, score: 0.3 }),
    JSON.stringify({ file: n(1), class: W[2], score: 0.9 }),
    JSON.stringify({ file: n(8), classes: [1, 2] }),
  ].join("\n");

  it("reads per-image top-k lines and per-prediction lines", () => {
    expect(parsePredictionsJsonl(jsonl, "p.jsonl", fakeWnids())).toEqual([
      { fileNumber: 1, classes: [2, 4], scores: [0.9, 0.3] },
      { fileNumber: 3, classes: [9, 5], scores: [0.6, 0.2] },
      { fileNumber: 8, classes: [1, 2], scores: [] },
    ]);
  });

  it("rejects a truncated last line, mismatched scores and an image given twice", () => {
    expectImportError(() => parsePredictionsJsonl(jsonl.slice(0, -5), "p.jsonl", fakeWnids()), { file: "p.jsonl", where: "line 5", problem: /truncated/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": [1, 2], "scores": [0.5]}', "p.jsonl"), { file: "p.jsonl", where: "line 1, field scores", problem: /Expected 2 scores/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": [1]}\n{"file": 1, "class": 2}', "p.jsonl"), { file: "p.jsonl", where: "line 2", problem: /already given as a whole top-k list/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "class": 2}\n{"file": 1, "classes": [1]}', "p.jsonl"), { file: "p.jsonl", where: "line 2", problem: /already has predictions/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "label": 2}', "p.jsonl"), { file: "p.jsonl", where: "line 1", problem: /Expected "classes"/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1}x\n{"file": 2, "class": 1}', "p.jsonl"), { file: "p.jsonl", where: "line 1", problem: /not valid JSON/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(jsonl, (text) => parsePredictionsJsonl(text, "f.jsonl", fakeWnids()));
  });
});

describeWithSharedData("model predictions (real data)", (data) => {
  const classes = parseClassInfo(data.text("imagenet-classes/class_info.json"), "class_info.json");
  const original = parseOriginalValidationJson(data.text("imagenet-classes/imagenet-validation-original.json"), "orig.json", wnidIndexMap(classes));
  const lookup = rowLookup(classFolderOrder(original));

  it("ImageNetV2 resnet50.npy: 50,000 top-5 rows; in class-folder order its top-1 accuracy is that of a ResNet-50", () => {
    const predictions = parseTopkNpy(data.bytes("model-predictions/imagenetv2-validation-original/resnet50.npy"), "resnet50.npy", lookup);
    expect(predictions).toHaveLength(50000);
    const truth = new Map(original.map((r) => [r.fileNumber, r.classes[0]]));
    const top1 = predictions.filter((p) => p.classes[0] === truth.get(p.fileNumber)).length / predictions.length;
    // A wrong row order would give ~0.1% accuracy; ResNet-50 scores about 76%.
    expect(top1).toBeGreaterThan(0.7);
    expect(top1).toBeLessThan(0.8);
  });

  it("cleanlab's original-label array, read with the same order, equals the original labels", () => {
    const labels = parseTopkNpy(data.bytes("label-errors/imagenet_val_set_original_labels.npy"), "labels.npy", lookup);
    const truth = new Map(original.map((r) => [r.fileNumber, r.classes[0]]));
    expect(labels.filter((l) => l.classes[0] !== truth.get(l.fileNumber))).toEqual([]);
    const argmax = parseTopkNpy(data.bytes("label-errors/imagenet_val_set_pyx_argmax_predicted_labels.npy"), "argmax.npy", lookup);
    expect(argmax).toHaveLength(50000);
  });
});
