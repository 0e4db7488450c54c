import { describe, expect, it } from "vitest";
import { npyRowOrder, parsePredictionsCsv, parsePredictionsJsonl, parseTopkNpy } from "./predictions";
import { classFolderOrder, parseOriginalValidationJson, rowLookup } from "./original-labels";
import { wnidIndexMap } from "./identifiers";
import { parseClassInfo } from "./taxonomy";
import { describeWithSharedData, expectImportError, fakeWnids, fixture, fuzzBytes, fuzzText, makeNpy } from "./test-helpers";

const W = [...fakeWnids().keys()];
const n = (k: number) => `ILSVRC2012_val_${String(k).padStart(8, "0")}.JPEG`;

describe("parseTopkNpy", () => {
  // Rows are in class-folder order: here row r holds image 10 - r.
  const reversed = (row: number) => ({ fileNumber: 10 - row });
  const inOrder = (row: number) => ({ fileNumber: row + 1 });

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
    expect(parseTopkNpy(fixture("top1-u2-6.npy"), "argmax.npy", inOrder, 6).map((p) => p.classes[0])).toEqual([0, 1, 2, 3, 998, 999]);
  });

  it("rejects float and string dtypes, wrong row counts, out-of-range and repeated classes, bad row maps", () => {
    expectImportError(() => parseTopkNpy(fixture("v2-header-f4-3.npy"), "p.npy", inOrder, 3), { file: "p.npy", where: "header", problem: /integer class indices, found dtype <f4/ });
    expectImportError(() => parseTopkNpy(fixture("names-U28-3.npy"), "p.npy", inOrder, 3), { file: "p.npy", where: "header", problem: /found dtype <U28/ });
    expectImportError(() => parseTopkNpy(fixture("topk-i8-4x5.npy"), "p.npy", reversed), { file: "p.npy", where: "header", problem: /Expected 50000 rows.*found 4/ });
    const i8 = (values: number[], shape: string) => {
      const data = new Uint8Array(values.length * 8);
      values.forEach((v, i) => new DataView(data.buffer).setBigInt64(i * 8, BigInt(v), true));
      return makeNpy(`{'descr': '<i8', 'fortran_order': False, 'shape': ${shape}, }`, data);
    };
    expectImportError(() => parseTopkNpy(i8([1, 2, 1000, 3], "(2, 2)"), "p.npy", inOrder, 2), { file: "p.npy", where: "row 1, column 0", problem: /1000 is not a class index/ });
    expectImportError(() => parseTopkNpy(i8([1, -1], "(1, 2)"), "p.npy", inOrder, 1), { file: "p.npy", where: "row 0, column 1", problem: /-1 is not a class index/ });
    expectImportError(() => parseTopkNpy(i8([4, 4], "(1, 2)"), "p.npy", inOrder, 1), { file: "p.npy", where: "row 0, column 1", problem: /Class 4 appears twice/ });
    expectImportError(() => parseTopkNpy(i8([1, 2], "(2, 1)"), "p.npy", () => ({ fileNumber: 5 }), 2), { file: "p.npy", where: "row 1", problem: /Image 5 appears twice: at row 0 and at row 1/ });
    expectImportError(() => parseTopkNpy(i8([1], "(1, 1)"), "p.npy", () => ({ fileNumber: 0 }), 1), { file: "p.npy", where: "row 0", problem: /not a file number/ });
    expectImportError(() => parseTopkNpy(i8([1, 2], "(1, 1, 2)"), "p.npy", inOrder, 1), { file: "p.npy", where: "header", problem: /shape \(rows, k\)/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzBytes(fixture("topk-i8-4x5.npy"), (bytes) => parseTopkNpy(bytes, "f.npy", inOrder, 4));
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
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": [1]}\n{"file": 1, "class": 2}', "p.jsonl"), { file: "p.jsonl", where: "line 2", problem: /already given as a whole top-k list on line 1\./ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "class": 2}\n{"file": 1, "classes": [1]}', "p.jsonl"), { file: "p.jsonl", where: "line 2", problem: /already has predictions/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "label": 2}', "p.jsonl"), { file: "p.jsonl", where: "line 1", problem: /Expected "classes"/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1}x\n{"file": 2, "class": 1}', "p.jsonl"), { file: "p.jsonl", where: "line 1", problem: /not valid JSON/ });
  });

  it("checks a top-k line without scores as one with scores: a class twice, out of range or an unknown wnid names its place", () => {
    const wnids = fakeWnids();
    const [wnid, index] = [...wnids][2]!;
    expect(parsePredictionsJsonl(`{"file": 1, "classes": [7, "${wnid}", "3"]}`, "p.jsonl", wnids)).toEqual([{ fileNumber: 1, classes: [7, index, 3], scores: [] }]);
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": [4, 5, 4]}', "p.jsonl"), { file: "p.jsonl", where: "line 1, classes[2]", problem: /class 4 twice: at line 1, classes\[0\] and at line 1, classes\[2\]/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": [4, 1000]}', "p.jsonl"), { file: "p.jsonl", where: "line 1, classes[1]", problem: /not a class index/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": [2.5]}', "p.jsonl"), { file: "p.jsonl", where: "line 1, classes[0]", problem: /not a class index/ });
    expectImportError(() => parsePredictionsJsonl('{"file": 1, "classes": ["n00000000"]}', "p.jsonl", wnids), { file: "p.jsonl", where: "line 1, classes[0]", problem: /Unknown wnid/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(jsonl, (text) => parsePredictionsJsonl(text, "f.jsonl", fakeWnids()));
  });
});

describeWithSharedData("model predictions (real data)", (data) => {
  const classes = parseClassInfo(data.text("imagenet-classes/class_info.json"), "class_info.json");
  const original = parseOriginalValidationJson(data.text("imagenet-classes/imagenet-validation-original.json"), "orig.json", wnidIndexMap(classes));
  const lookup = rowLookup(classFolderOrder(original).map((fileNumber) => ({ fileNumber })));

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

describe("npyRowOrder", () => {
  const val = { split: "VAL", rows: [{ fileNumber: 1 }, { fileNumber: 2 }] };
  const train = { split: "TRAIN", rows: [{ fileKey: "n01440764_1.JPEG" }, { fileKey: "n01440764_2.JPEG" }, { fileKey: "n01443537_1.JPEG" }] };

  it("takes the split with as many images as the file has rows; validation when two tie", () => {
    expect(npyRowOrder([val, train], 3, "m.npy")).toBe(train.rows);
    expect(npyRowOrder([val, train], 2, "m.npy")).toBe(val.rows);
    expect(npyRowOrder([{ split: "TEST", rows: train.rows.slice(0, 2) }, val], 2, "m.npy")).toBe(val.rows);
  });

  it("says which counts would fit, and refuses two other splits of one size", () => {
    expectImportError(() => npyRowOrder([val], 3, "m.npy"), { file: "m.npy", where: "header", problem: /^Expected 2 rows \(one per image\), found 3\.$/ });
    expectImportError(() => npyRowOrder([val, train], 4, "m.npy"), { file: "m.npy", where: "header", problem: /^Expected 2 or 3 rows \(one per image of the val or train split\), found 4\.$/ });
    expectImportError(() => npyRowOrder([train, { split: "TEST", rows: train.rows }], 3, "m.npy"), { file: "m.npy", where: "header", problem: /train and test splits both have 3 images/ });
  });

  it("maps rows to images named by file key, for splits without file numbers", () => {
    const rows = [[5], [7], [9]].flat();
    const data = new Uint8Array(rows.length * 8);
    rows.forEach((v, i) => new DataView(data.buffer).setBigInt64(i * 8, BigInt(v), true));
    const file = makeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", data);
    expect(parseTopkNpy(file, "t.npy", (row) => train.rows[row]!, 3)).toEqual([
      { fileKey: "n01440764_1.JPEG", classes: [5], scores: [] },
      { fileKey: "n01440764_2.JPEG", classes: [7], scores: [] },
      { fileKey: "n01443537_1.JPEG", classes: [9], scores: [] },
    ]);
    expectImportError(() => parseTopkNpy(file, "t.npy", () => train.rows[0]!, 3), { file: "t.npy", where: "row 1", problem: /Image n01440764_1\.JPEG appears twice/ });
  });
});
