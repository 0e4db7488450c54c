import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvCell } from "@/lib/csv/csv";
import { type ConsensusRow, csvEncoder, cleanListEncoder, isClean, realJsonEncoder, validLabels } from "@/lib/export/formats";
import { cleanRuleSchema } from "@/lib/validation/export";

function row(overrides: Partial<ConsensusRow> = {}): ConsensusRow {
  return {
    n: 1, file: "ILSVRC2012_val_00000001.JPEG", status: "AGREED", classes: [5], ambiguity: null, candidateClasses: [],
    outsideLabels: [], excludeReason: null, method: "majority:2", decisionCount: 3, agreement: 0.5, updatedAt: "2026-12-01T07:00:00.000Z",
    duplicate: false, ...overrides,
  };
}

function encode<R>(encoder: { start(): string; row(r: R): string; end(): string }, rows: R[]) {
  return encoder.start() + rows.map((r) => encoder.row(r)).join("") + encoder.end();
}

describe("ReaL-style JSON", () => {
  it("puts file number i+1 at position i, fills gaps and the tail with empty lists, and sorts labels", () => {
    const encoder = realJsonEncoder(5);
    const text = encode(encoder, [row({ n: 2, classes: [9, 3] }), row({ n: 4, classes: [7] })]);
    expect(JSON.parse(text)).toEqual([[], [3, 9], [], [7], []]);
    expect(encoder.skipped()).toBe(0);
  });

  it("gives an empty list for anything not agreed or resolved", () => {
    const statuses = ["UNLABELED", "IN_PROGRESS", "DISAGREED", "EXCLUDED"] as const;
    const text = encode(realJsonEncoder(5), [...statuses.map((status, i) => row({ n: i + 1, status, classes: [1] })), row({ n: 5, status: "RESOLVED", classes: [2] })]);
    expect(JSON.parse(text)).toEqual([[], [], [], [], [2]]);
  });

  it("counts files without a number (or beyond the numbering) as skipped instead of misplacing them", () => {
    const encoder = realJsonEncoder(2);
    const text = encode(encoder, [row({ n: 1 }), row({ n: 3 }), row({ n: null })]);
    expect(JSON.parse(text)).toEqual([[5], []]);
    expect(encoder.skipped()).toBe(2);
  });

  it("is a valid empty list for a dataset without numbered files", () => {
    expect(JSON.parse(encode(realJsonEncoder(0), []))).toEqual([]);
  });

  it("always parses to exactly `positions` lists whatever rows come", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 40 })), fc.integer({ min: 0, max: 40 }), (numbers, positions) => {
        const rows = [...numbers].sort((a, b) => a - b).map((n) => row({ n, classes: [n] }));
        const parsed = JSON.parse(encode(realJsonEncoder(positions), rows)) as number[][];
        expect(parsed).toHaveLength(positions);
        parsed.forEach((labels, i) => expect(labels).toEqual(numbers.includes(i + 1) ? [i + 1] : []));
      }),
    );
  });
});

describe("CSV", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("quotes per RFC 4180: commas, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(0.25)).toBe("0.25");
  });

  it("writes the header and one line per image", () => {
    const text = encode(csvEncoder(), [row({ classes: [2, 1], ambiguity: "BLURRY", outsideLabels: ["vole", "=cmd"] })]);
    expect(text).toBe(
      "file,labels,status,ambiguous,not_in_imagenet,n_decisions,agreement,method,updated_at\r\n" +
        "ILSVRC2012_val_00000001.JPEG,1 2,agreed,true,vole; =cmd,3,0.5,majority:2,2026-12-01T07:00:00.000Z\r\n",
    );
  });

  it("escapes a leading formula character of the joined outside labels", () => {
    const text = encode(csvEncoder(), [row({ status: "UNLABELED", classes: [], outsideLabels: ["-rm"], agreement: null, method: null, updatedAt: null, decisionCount: 0 })]);
    expect(text.split("\r\n")[1]).toBe("ILSVRC2012_val_00000001.JPEG,,unlabeled,false,'-rm,0,,,");
  });
});

describe("clean subset", () => {
  const rule = (overrides = {}) => cleanRuleSchema.parse(overrides);

  it("keeps agreed and resolved images with a label by default, and nothing else", () => {
    expect(isClean(row(), rule())).toBe(true);
    expect(isClean(row({ status: "RESOLVED" }), rule())).toBe(true);
    expect(isClean(row({ status: "DISAGREED" }), rule())).toBe(false);
    expect(isClean(row({ classes: [], outsideLabels: ["vole"] }), rule())).toBe(false);
    expect(isClean(row({ status: "RESOLVED" }), rule({ statuses: ["AGREED"] }))).toBe(false);
  });

  it("applies each option", () => {
    expect(isClean(row({ decisionCount: 2 }), rule({ minDecisions: 3 }))).toBe(false);
    expect(isClean(row({ decisionCount: 3 }), rule({ minDecisions: 3 }))).toBe(true);
    expect(isClean(row({ ambiguity: "BLURRY" }), rule())).toBe(false);
    expect(isClean(row({ ambiguity: "BLURRY" }), rule({ excludeAmbiguous: false }))).toBe(true);
    expect(isClean(row({ classes: [1, 2] }), rule())).toBe(true);
    expect(isClean(row({ classes: [1, 2] }), rule({ excludeMultilabel: true }))).toBe(false);
    expect(isClean(row({ duplicate: true }), rule())).toBe(true);
    expect(isClean(row({ duplicate: true }), rule({ excludeDuplicates: true }))).toBe(false);
  });

  it("lists one file a line", () => {
    const text = encode(cleanListEncoder(rule()), [row({ file: "a.JPEG" }), row({ file: "b.JPEG", status: "DISAGREED" }), row({ file: "c.JPEG" })]);
    expect(text).toBe("a.JPEG\nc.JPEG\n");
  });

  it("treats only settled consensus as a valid label", () => {
    expect(validLabels(row({ status: "IN_PROGRESS", classes: [4] }))).toEqual([]);
  });
});
