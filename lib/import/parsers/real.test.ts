import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { parseManualRealImages, parseRealJson, parseRealScoresNpz, scoreRecord, withRealScores } from "./real";
import { describeWithSharedData, expectImportError, fixture, fuzzBytes, fuzzText, makeNpy } from "./test-helpers";

function realJson(edit?: (lists: unknown[]) => void): string {
  const lists: unknown[] = Array.from({ length: 50000 }, () => [1]);
  edit?.(lists);
  return JSON.stringify(lists);
}

describe("parseRealJson", () => {
  it("maps position i to file number i + 1, sorts each set (keeping a differing file order in details) and marks empty lists NONE_FIT", () => {
    const records = parseRealJson(realJson((l) => { l[0] = []; l[1] = [970, 795]; l[2] = [5, 5, 3]; }), "real.json");
    expect(records).toHaveLength(50000);
    expect(records[0]).toEqual({ fileNumber: 1, status: "NONE_FIT", classes: [] });
    expect(records[1]).toEqual({ fileNumber: 2, status: "LABELED", classes: [795, 970], details: { labelsInFileOrder: [970, 795] } });
    expect(records[2]!.classes).toEqual([3, 5]);
    expect(records[49999]!.fileNumber).toBe(50000);
    expect(records[49999]!.details).toBeUndefined();
  });

  it("rejects a wrong length, string or out-of-range classes, naming the position", () => {
    expectImportError(() => parseRealJson("[[1], []]", "real.json"), { file: "real.json", where: null, problem: /Expected 50000 lists.*found 2/ });
    expectImportError(() => parseRealJson(realJson((l) => { l[9] = ["795"]; }), "real.json"), { file: "real.json", where: "position 9 (image 10)", problem: /as numbers, found "795"/ });
    expectImportError(() => parseRealJson(realJson((l) => { l[9] = [1000]; }), "real.json"), { file: "real.json", where: "position 9 (image 10)", problem: /1000 is not a class index/ });
    expectImportError(() => parseRealJson(realJson((l) => { l[9] = 3; }), "real.json"), { file: "real.json", where: "position 9 (image 10)", problem: /list of class indices/ });
    expectImportError(() => parseRealJson(realJson().slice(0, -20), "real.json"), { file: "real.json", where: /^line 1, column \d+$/, problem: /truncated/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText("[[], [970, 795], [1]]", (text) => parseRealJson(text, "f.json"));
  });
});

describe("parseRealScoresNpz", () => {
  it("groups (file name, class-as-string) rows into per-image score maps", () => {
    const scores = parseRealScoresNpz(fixture("real-scores-small.npz"), "scores.npz");
    expect([...scores.keys()]).toEqual([1, 2, 50000]);
    expect(scores.get(2)).toEqual({ "12": 0.999, "795": 0.1, "970": 0.9 });
    expect(scores.get(50000)).toEqual({ "999": 0.5 });
  });

  it("attaches scores to verdicts of the same images", () => {
    const scores = parseRealScoresNpz(fixture("real-scores-small.npz"), "scores.npz");
    const merged = withRealScores([{ fileNumber: 1, status: "LABELED", classes: [65] }, { fileNumber: 3, status: "NONE_FIT", classes: [] }], scores);
    expect(merged[0]!.scores).toEqual({ "65": 0.75 });
    expect(merged[1]!.scores).toBeUndefined();
  });

  it("builds score objects exactly, keys ascending", () => {
    const record = scoreRecord([970, 0.1 + 0.2, 12, 5.8423161573140974e-5]);
    expect(Object.keys(record)).toEqual(["12", "970"]);
    expect(record["970"]).toBe(0.1 + 0.2);
    expect(record["12"]).toBe(5.8423161573140974e-5);
  });

  it("rejects mismatched shapes, bad names, repeated pairs and non-probabilities", () => {
    const info = (rows: string[][]) => {
      const width = 28;
      const data = new Uint8Array(rows.length * 2 * width * 4);
      const view = new DataView(data.buffer);
      rows.flat().forEach((s, i) => [...s].forEach((ch, j) => view.setUint32((i * width + j) * 4, ch.codePointAt(0)!, true)));
      return makeNpy(`{'descr': '<U28', 'fortran_order': False, 'shape': (${rows.length}, 2), }`, data);
    };
    const tensor = (values: number[]) => {
      const data = new Uint8Array(values.length * 8);
      values.forEach((v, i) => new DataView(data.buffer).setFloat64(i * 8, v, true));
      return makeNpy(`{'descr': '<f8', 'fortran_order': False, 'shape': (${values.length},), }`, data);
    };
    const npz = (t: Uint8Array, i: Uint8Array) => zipSync({ "tensor.npy": t, "info.npy": i });
    const a = "ILSVRC2012_val_00000001.JPEG";
    expectImportError(() => parseRealScoresNpz(npz(tensor([0.5]), info([[a, "1"], [a, "2"]])), "s.npz"), { file: "s.npz", where: "info.npy", problem: /shape \(1, 2\)/ });
    expectImportError(() => parseRealScoresNpz(npz(tensor([0.5, 0.5]), info([[a, "1"], [a, "1"]])), "s.npz"), { file: "s.npz", where: "row 1", problem: /two scores for class 1/ });
    expectImportError(() => parseRealScoresNpz(npz(tensor([0.5]), info([["val_1.JPEG", "1"]])), "s.npz"), { file: "s.npz", where: "row 0", problem: /not a validation file name/ });
    expectImportError(() => parseRealScoresNpz(npz(tensor([1.5]), info([[a, "1"]])), "s.npz"), { file: "s.npz", where: "row 0", problem: /not a probability/ });
    expectImportError(() => parseRealScoresNpz(npz(tensor([0.5]), info([[a, "n01440764"]])), "s.npz"), { file: "s.npz", where: "row 0", problem: /wnid/ });
    expectImportError(() => parseRealScoresNpz(npz(info([[a, "1"]]), info([[a, "1"]])), "s.npz"), { file: "s.npz/tensor.npy", where: "header", problem: /Expected a float array/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzBytes(fixture("real-scores-compressed.npz"), (bytes) => parseRealScoresNpz(bytes, "f.npz"), 200);
  });
});

describe("parseManualRealImages", () => {
  it("returns the rated images' file numbers, sorted", () => {
    expect(parseManualRealImages(fixture("manual-real-small.npy"), "manual.npy")).toEqual([2, 10]);
  });

  it("rejects a numeric array", () => {
    expectImportError(() => parseManualRealImages(fixture("top1-u2-6.npy"), "m.npy"), { file: "m.npy", where: "header", problem: /Expected a unicode or bytes array, found dtype <u2/ });
  });
});

describeWithSharedData("ReaL files (real data)", (data) => {
  const text = data.text("real/real.json");
  const raw = JSON.parse(text) as number[][];

  it("real.json: one verdict per position, sets equal to the raw lists", () => {
    const records = parseRealJson(text, "real.json");
    expect(records.filter((r) => r.status === "LABELED")).toHaveLength(raw.filter((l) => l.length > 0).length);
    expect(records.filter((r) => r.status === "NONE_FIT")).toHaveLength(raw.filter((l) => l.length === 0).length);
    records.forEach((r, i) => {
      if (r.fileNumber !== i + 1 || r.classes.join() !== [...new Set(raw[i])].sort((a, b) => a - b).join()) {
        throw new Error(`Mismatch at position ${i}`);
      }
    });
  });

  it("scores.npz covers exactly the human-rated images of manual_real_imgs.npy, and every ReaL label of them", () => {
    const scores = parseRealScoresNpz(data.bytes("real/scores.npz"), "scores.npz");
    const manual = parseManualRealImages(data.bytes("flaws-of-imagenet/manual_real_imgs.npy"), "manual_real_imgs.npy");
    expect([...scores.keys()]).toEqual(manual);
    const scored = manual.filter((n) => raw[n - 1]!.every((c) => String(c) in scores.get(n)!));
    expect(scored).toHaveLength(manual.length);
    // real.csv (a different publication of the same study) flags the same images as manually validated.
    const csvManual = data.text("flaws-of-imagenet/real.csv").trimEnd().split("\n").slice(1)
      .filter((line) => line.endsWith(",True"))
      .map((line) => Number(line.slice(15, 23)))
      .sort((a, b) => a - b);
    expect(manual).toEqual(csvManual);
  });
});
