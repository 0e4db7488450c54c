import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError } from "../import-error";
import { readCsv, readCsvBlocks } from "./csv-input";

/** About 2.5 MiB: three blocks, with values spanning lines (quoted newlines) placed around every boundary. */
function bigCsv(): string[] {
  const lines = ["file,note"];
  for (let n = 1; n <= 60_000; n++) {
    if (n % 997 === 0) lines.push(`img_${n}.JPEG,"first line`, `second line, with a comma"`);
    else lines.push(`img_${n}.JPEG,plain note number ${n}`);
  }
  return lines;
}

const blocksOf = (lines: string[]) => [...readCsvBlocks(lines, "f.csv", ["file", "note"])];

describe("readCsvBlocks", () => {
  it("gives the rows and line numbers readCsv gives the whole text, in blocks", () => {
    const lines = bigCsv();
    const whole = readCsv(lines.join("\n"), "f.csv", ["file", "note"]);
    const blocks = blocksOf(lines);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.flatMap((block) => block.rows)).toEqual(whole.rows);
  });

  it("names the line of a bad row far into the file, as readCsv does", () => {
    const lines = bigCsv();
    lines.splice(50_000, 0, "img_x.JPEG,one,too many");
    const failure = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return error as ImportError;
      }
      throw new Error("expected an import error");
    };
    const whole = failure(() => readCsv(lines.join("\n"), "f.csv", ["file", "note"]));
    const streamed = failure(() => blocksOf(lines));
    expect(streamed).toBeInstanceOf(ImportError);
    expect(streamed.where).toBe(whole.where);
    expect(streamed.message).toBe(whole.message);
  });

  it("checks the header of an empty or header-only file like readCsv", () => {
    expect(() => blocksOf([""])).toThrow("The file is empty");
    expect(() => blocksOf(["file,other"])).toThrow("missing note");
    expect(blocksOf(["file,note", ""]).flatMap((block) => block.rows)).toEqual([]);
  });
});

describe("readCsv's own split", () => {
  // csv-parse is the reference: the one-pass split must give exactly its records, and leave every
  // text it cannot split that way (ragged rows, empty lines, \r, stray quotes) to it.
  const plain = fc.stringMatching(/^[a-z0-9 ._\r"-]{0,6}$/);
  // Quoted values with commas, newlines and quotes inside, escaped or (to be refused) not, sometimes with text after the closing quote.
  const quoted = fc
    .tuple(fc.stringMatching(/^[a-z0-9 ,\n"]{0,6}$/), fc.boolean(), fc.constantFrom("", "", "", "x", " ", '"'))
    .map(([inner, escaped, after]) => `"${escaped ? inner.replace(/"/g, '""') : inner}"${after}`);
  const field = fc.oneof(plain, quoted);
  const text = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }))
    .map(([width, rows]) => [Array.from({ length: width }, (_, i) => `c${i}`).join(","), ...rows.map((row) => row.join(","))].join("\n"));

  it("gives csv-parse's records, or its error, for any text", () => {
    fc.assert(fc.property(text, (body) => {
      let expected: string[][] | Error;
      try {
        expected = parse(body.trimEnd(), { bom: true }).slice(1);
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error) {
        expect(() => readCsv(body, "f.csv", [])).toThrow(ImportError);
      } else {
        expect(readCsv(body, "f.csv", []).rows.map((row) => row.values)).toEqual(expected);
      }
    }), { numRuns: 2000 });
  });
});
