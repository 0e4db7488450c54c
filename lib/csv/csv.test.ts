import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/csv/csv";

describe("CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and ends rows with CRLF", () => {
    expect(toCsv(["name", "note"], [["a, b", 'say "hi"'], ["line\nbreak", null]])).toBe('name,note\r\n"a, b","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it("defuses text a spreadsheet would run as a formula: = + - @ tab CR get a leading apostrophe", () => {
    const csv = toCsv(["cell"], [["=HYPERLINK(\"http://x\")"], ["+1"], ["-2"], ["@SUM(A1)"], ["\tx"], ["\rx"], ["safe"]]);
    expect(csv.split("\r\n").slice(1, -1)).toEqual(['"\'=HYPERLINK(""http://x"")"', "'+1", "'-2", "'@SUM(A1)", "'\tx", "\"'\rx\"", "safe"]);
  });

  it("keeps numbers numeric, negative ones included, rounded to 6 decimals", () => {
    expect(toCsv(["κ"], [[-1 / 3], [2 / 3], [0]])).toBe("κ\r\n-0.333333\r\n0.666667\r\n0\r\n");
  });

  it("writes booleans as words and leaves null, undefined and non-finite numbers empty", () => {
    expect([true, false, null, undefined, Number.NaN].map(csvCell)).toEqual(["true", "false", "", "", ""]);
  });
});
