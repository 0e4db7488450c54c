import { describe, expect, it } from "vitest";
import { readCsv } from "./csv-input";
import { parseJsonText } from "./json-input";
describe("NUL characters", () => {
  it("are refused with their position, raw or escaped, in JSON and CSV", () => {
    expect(() => parseJsonText('{"a": "Tay\\u0000ra"}', "x.json")).toThrow(/x\.json \(line 1, column 11\): .*NUL/);
    expect(() => parseJsonText('["ok",\n"b\0"]', "x.json")).toThrow(/line 2, column 3/);
    expect(() => readCsv("id,label\nILSVRC2012_val_00000001.JPEG,a\0b\n", "x.csv", ["id"])).toThrow(/x\.csv \(line 2, column 31\)/);
  });
});
