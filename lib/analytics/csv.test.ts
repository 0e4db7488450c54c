import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/analytics/csv";

describe("csv", () => {
  it("neutralizes cells a spreadsheet would run as formulas", () => {
    expect(["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"].map(csvCell)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "\"'\rx\""]);
  });

  it("quotes commas, quotes and line breaks, leaves plain values and numbers alone", () => {
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(76.13)).toBe("76.13");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["model", "top1"], [["resnet50", 76.13], ["=cmd", null]])).toBe("model,top1\r\nresnet50,76.13\r\n'=cmd,\r\n");
  });

  it("escapes a negative number too, since a spreadsheet would read -2 as a formula-looking value", () => {
    expect(csvCell(-2)).toBe("'-2");
  });
});
