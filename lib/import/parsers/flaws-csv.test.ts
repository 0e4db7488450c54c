import { describe, expect, it } from "vitest";
import { parseCleanValidationCsv, parseFlawsCsv } from "./flaws-csv";
import { describeWithSharedData, expectImportError, fuzzText } from "./test-helpers";

const HEADER = "id,category,original_label,proposed_labels,manually_validated";
const n = (k: number) => `ILSVRC2012_val_${String(k).padStart(8, "0")}.JPEG`;

const COMMON = [
  HEADER,
  `${n(9670)},A,26,26,False`,
  `${n(33061)},M,442,"497, 442",True`,
  `${n(47683)},B,325,322,True`,
  `${n(1)},Z,65,,True`,
  `${n(2)},X,795,,True`,
].join("\n");

const LABEL_ERRORS = [
  `${HEADER},cl_label,mturk`,
  `${n(293)},A,0,0,True,48,"{'given': 5, 'guessed': 0, 'neither': 0, 'both': 0}"`,
  `${n(37383)},X,0,,True,389,"{'given': 2, 'guessed': 1, 'neither': 2, 'both': 0}"`,
].join("\n");

describe("parseFlawsCsv", () => {
  it("maps categories A/B/M to LABELED, Z to NONE_FIT, X to NO_CONSENSUS, lists as sorted sets", () => {
    const records = parseFlawsCsv(COMMON, "finegrained.csv");
    expect(records.map((r) => [r.fileNumber, r.status, r.classes, r.category, r.manuallyValidated])).toEqual([
      [1, "NONE_FIT", [], "Z", true],
      [2, "NO_CONSENSUS", [], "X", true],
      [9670, "LABELED", [26], "A", false],
      [33061, "LABELED", [442, 497], "M", true],
      [47683, "LABELED", [322], "B", true],
    ]);
    expect(records[3]!.details).toEqual({ originalLabel: 442, proposedLabelsText: "497, 442" });
  });

  it("reads the label-error extras: cl_label and the mturk Python dict repr", () => {
    const [first, second] = parseFlawsCsv(LABEL_ERRORS, "label_errors.csv");
    expect(first!.votes).toEqual({ given: 5, guessed: 0, neither: 0, both: 0 });
    expect(first!.details).toMatchObject({ guessedLabel: 48, originalLabel: 0 });
    expect(second!.status).toBe("NO_CONSENSUS");
  });

  it("rejects a category that disagrees with the labels, naming line and column", () => {
    const bad = (row: string) => `${HEADER}\n${n(5)},A,26,26,True\n${row}\n`;
    expectImportError(() => parseFlawsCsv(bad(`${n(6)},A,26,27,True`), "r.csv"), { file: "r.csv", where: "line 3, column proposed_labels", problem: /Category A needs exactly the original label/ });
    expectImportError(() => parseFlawsCsv(bad(`${n(6)},M,26,26,True`), "r.csv"), { file: "r.csv", where: "line 3, column proposed_labels", problem: /two or more/ });
    expectImportError(() => parseFlawsCsv(bad(`${n(6)},Z,26,3,True`), "r.csv"), { file: "r.csv", where: "line 3, column proposed_labels", problem: /no labels/ });
    expectImportError(() => parseFlawsCsv(bad(`${n(6)},Q,26,26,True`), "r.csv"), { file: "r.csv", where: "line 3, column category", problem: /not one of A, B, M, Z, X/ });
    expectImportError(() => parseFlawsCsv(bad(`${n(6)},A,26,26,yes`), "r.csv"), { file: "r.csv", where: "line 3, column manually_validated", problem: /True or False/ });
    expectImportError(() => parseFlawsCsv(bad(`${n(6)},M,26,"26; 27",True`), "r.csv"), { file: "r.csv", where: "line 3, column proposed_labels", problem: /comma-separated list/ });
    expectImportError(() => parseFlawsCsv(bad(`${n(5)},A,26,26,True`), "r.csv"), { file: "r.csv", where: "line 3", problem: /appears twice: at line 2 and at line 3/ });
    expectImportError(() => parseFlawsCsv(bad(`6,A,26,26,True`).replace(n(5), "ILSVRC2012_val_5.JPEG"), "r.csv"), { file: "r.csv", where: "line 2, column id", problem: /not a validation image/ });
  });

  it("rejects a wrong header and a mturk cell that is not a vote dict", () => {
    expectImportError(() => parseFlawsCsv("id,original_label,proposed_labels,validation\n", "r.csv"), { file: "r.csv", where: "header", problem: /missing category, manually_validated/ });
    const votes = LABEL_ERRORS.replace("'both': 0}", "'both': 0").replace(/'given': 2/, "'given': 2");
    expectImportError(() => parseFlawsCsv(votes, "le.csv"), { file: "le.csv", where: "line 2, column mturk", problem: /not a Python dict/ });
    expectImportError(() => parseFlawsCsv(LABEL_ERRORS.replace("'given': 5", "'given': 'five'"), "le.csv"), { file: "le.csv", where: "line 2, column mturk", problem: /"given" must be a whole number/ });
    expectImportError(() => parseFlawsCsv(LABEL_ERRORS.replace("'given': 5", '"given": 5'), "le.csv"), { file: "le.csv", where: /^line 2/, problem: /./ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(COMMON, (text) => parseFlawsCsv(text, "f.csv"));
    fuzzText(LABEL_ERRORS, (text) => parseFlawsCsv(text, "f.csv"));
  });
});

describe("parseCleanValidationCsv", () => {
  const sample = ["id,original_label,proposed_labels,validation", `${n(9670)},26,26,*`, `${n(3)},442,"497, 442",+*`].join("\n");

  it("keeps the per-source validation marks and counts a hand check as manual validation", () => {
    expect(parseCleanValidationCsv(sample, "clean_validation.csv")).toEqual([
      { fileNumber: 3, status: "LABELED", classes: [442, 497], manuallyValidated: true, details: { originalLabel: 442, proposedLabelsText: "497, 442", validation: "+*", sourceCount: 2 } },
      { fileNumber: 9670, status: "LABELED", classes: [26], manuallyValidated: false, details: { originalLabel: 26, proposedLabelsText: "26", validation: "*", sourceCount: 1 } },
    ]);
  });

  it("rejects empty labels and unknown validation marks", () => {
    expectImportError(() => parseCleanValidationCsv(sample.replace(",26,26,*", ",26,,*"), "c.csv"), { file: "c.csv", where: "line 2, column proposed_labels", problem: /at least one label/ });
    expectImportError(() => parseCleanValidationCsv(sample.replace(",26,26,*", ",26,26,+?"), "c.csv"), { file: "c.csv", where: "line 2, column validation", problem: /one \+ or \*/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(sample, (text) => parseCleanValidationCsv(text, "f.csv"));
  });
});

/** An independent reading of a "Flaws" CSV: split on commas outside quotes. */
function rawRows(text: string): string[][] {
  return text.trimEnd().split("\n").slice(1).map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, "")));
}

describeWithSharedData("'Flaws of ImageNet' CSVs (real data)", (data) => {
  for (const csv of ["real.csv", "label_errors.csv", "label_errors_og_met.csv", "finegrained.csv"]) {
    it(`${csv}: every row, category and label set`, () => {
      const text = data.text(`flaws-of-imagenet/${csv}`);
      const records = parseFlawsCsv(text, csv);
      const rows = rawRows(text);
      expect(records).toHaveLength(rows.length);
      const byFile = new Map(records.map((r) => [r.fileNumber, r]));
      const wrong = rows.filter(([id, category, , proposed]) => {
        const r = byFile.get(Number(id!.slice(15, 23)));
        const set = proposed!.split(", ").filter(Boolean).map(Number).sort((a, b) => a - b);
        return !r || r.category !== category || r.classes.join() !== set.join();
      });
      expect(wrong).toEqual([]);
    });
  }

  it("real.csv agrees with real.json image by image", () => {
    const raw = data.json("real/real.json") as number[][];
    const records = parseFlawsCsv(data.text("flaws-of-imagenet/real.csv"), "real.csv");
    const wrong = records.filter((r) => [...new Set(raw[r.fileNumber! - 1])].sort((a, b) => a - b).join() !== r.classes.join());
    expect(wrong).toEqual([]);
  });

  it("clean_validation.csv: every row, with validation marks", () => {
    const text = data.text("flaws-of-imagenet/clean_validation.csv");
    const records = parseCleanValidationCsv(text, "clean_validation.csv");
    const rows = rawRows(text);
    expect(records).toHaveLength(rows.length);
    expect(records.filter((r) => r.manuallyValidated)).toHaveLength(rows.filter((r) => r[3]!.includes("+")).length);
  });
});
