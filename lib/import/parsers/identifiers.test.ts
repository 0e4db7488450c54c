import { describe, expect, it } from "vitest";
import { byFileNumber, SeenImages, sortedUnique, toClassIndex, toFileNumber, validationFileNumber } from "./identifiers";
import fc from "fast-check";
import type { ImageRef } from "../records";
import { describeOffset, locateJsonError, parseJsonText } from "./json-input";
import { expectImportError } from "./test-helpers";

describe("image and class identifiers", () => {
  it("reads file names (with folders) and bare numbers as file numbers 1..50000", () => {
    expect(validationFileNumber("ILSVRC2012_val_00000001.JPEG")).toBe(1);
    expect(validationFileNumber("val/n01440764/ILSVRC2012_val_00000293.JPEG")).toBe(293);
    expect(validationFileNumber("ILSVRC2012_val_00050001.JPEG")).toBeNull();
    expect(toFileNumber(" 42 ", "f", "w")).toBe(42);
    expect(toFileNumber(50000, "f", "w")).toBe(50000);
    expectImportError(() => toFileNumber(1.5, "f", "w"), { file: "f", where: "w", problem: /outside 1\.\.50000/ });
    expectImportError(() => toFileNumber("val_1.jpg", "f", "w"), { file: "f", where: "w", problem: /not a validation image/ });
    expectImportError(() => toFileNumber(null, "f", "w"), { file: "f", where: "w", problem: /Expected an image file name or number/ });
  });

  it("reads class indices as numbers, digit strings, or wnids when a table is given", () => {
    expect(toClassIndex("795", "f", "w")).toBe(795);
    expect(toClassIndex(0, "f", "w")).toBe(0);
    expect(toClassIndex("n01440764", "f", "w", new Map([["n01440764", 0]]))).toBe(0);
    expectImportError(() => toClassIndex("n01440764", "f", "w"), { file: "f", where: "w", problem: /Found wnid n01440764/ });
    expectImportError(() => toClassIndex("n01443537", "f", "w", new Map()), { file: "f", where: "w", problem: /Unknown wnid n01443537/ });
    expectImportError(() => toClassIndex(-1, "f", "w"), { file: "f", where: "w", problem: /not a class index 0\.\.999\./ });
    expectImportError(() => toClassIndex("tench", "f", "w"), { file: "f", where: "w", problem: /"tench" is not a class index/ });
  });

  it("treats label lists as sets and names both places of a repeated image", () => {
    expect(sortedUnique([970, 795, 970])).toEqual([795, 970]);
    const seen = new SeenImages("f.json");
    seen.add(3, "position 0");
    expectImportError(() => seen.add(3, "position 9"), { file: "f.json", where: "position 9", problem: /Image 3 appears twice: at position 0 and at position 9\./ });
  });
});

describe("byFileNumber", () => {
  it("orders by file number, stable among equal numbers, whatever the mix of numbers and keys", () => {
    // Few distinct numbers, so that equal ones meet; all-numbered lists take a path of their own.
    const numbered = fc.integer({ min: 1, max: 40 }).map((n): ImageRef => ({ fileNumber: n === 40 ? 50_000 : n }));
    const keyed = fc.constantFrom("b.JPEG", "a.JPEG").map((fileKey): ImageRef => ({ fileKey }));
    const lists = fc.oneof(fc.array(numbered, { maxLength: 60 }), fc.array(fc.oneof(numbered, keyed), { maxLength: 60 }));
    fc.assert(
      fc.property(lists, (records) => {
        const tagged = records.map((ref, at) => ({ ...ref, at }) as ImageRef & { at: number });
        const expected = [...tagged].sort((a, b) =>
          a.fileNumber !== undefined && b.fileNumber !== undefined ? a.fileNumber - b.fileNumber
          : a.fileNumber !== undefined ? -1 : b.fileNumber !== undefined ? 1
          : a.fileKey! < b.fileKey! ? -1 : a.fileKey! > b.fileKey! ? 1 : a.at - b.at);
        expect(byFileNumber([...tagged]).map((r) => r.at)).toEqual(expected.map((r) => r.at));
      }),
    );
  });
});

describe("parseJsonText", () => {
  it("locates syntax errors by line and column and calls early ends truncation", () => {
    expect(describeOffset("ab\ncd", 4)).toBe("line 2, column 2");
    expectImportError(() => parseJsonText('{\n  "a": [1, 2', "t.json"), { file: "t.json", where: "line 2, column 13", problem: /truncated/ });
    expectImportError(() => parseJsonText("", "t.json"), { file: "t.json", where: "line 1, column 1", problem: /truncated/ });
    expectImportError(() => parseJsonText('{"a": tru}', "t.json"), { file: "t.json", where: /^line 1, column \d+$/, problem: /not valid JSON/ });
    expect(parseJsonText('\ufeff{"a": 1}', "t.json")).toEqual({ a: 1 });
  });
});

describe("locateJsonError", () => {
  it("describes the errors V8 reports without a position", () => {
    expect(locateJsonError('{"a": tru}')).toEqual({ offset: 6, problem: 'The file is not valid JSON: Expected a value, found "t".' });
    expect(locateJsonError("[1, 2,]")).toEqual({ offset: 6, problem: "The file is not valid JSON: A trailing comma before ']' is not allowed in JSON." });
    expect(locateJsonError('{"a": "x\ny"}').problem).toMatch(/raw control character/);
    expect(locateJsonError("{'a': 1}").problem).toMatch(/double-quoted property name/);
  });

  it("rejects exactly what JSON.parse rejects", () => {
    const accepts = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const texts = fc.oneof(
      fc.json(),
      fc.json().chain((j) => fc.tuple(fc.nat(j.length), fc.constantFrom("", ",", "]", "}", '"', "\\", "x", " ", "\n", "0", "-")).map(([at, ch]) => j.slice(0, at) + ch + j.slice(at + 1))),
      fc.json().chain((j) => fc.nat(j.length).map((end) => j.slice(0, end))),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const generic = locateJsonError(text).problem === "The file is not valid JSON.";
        expect(generic).toBe(accepts(text));
      }),
      { numRuns: 1000 },
    );
  });
});
