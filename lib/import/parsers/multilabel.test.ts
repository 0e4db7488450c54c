import { describe, expect, it } from "vitest";
import { parseMultilabelCsv } from "./multilabel";
import { describeWithSharedData, expectImportError, fuzzText } from "./test-helpers";

const n = (k: number) => `ILSVRC2012_val_${String(k).padStart(8, "0")}.JPEG`;
const SAMPLE = [
  "id,category,original_label,proposed_labels,manually_validated,unclear_multi_labels,wrong_multi_labels,is_problematic",
  `${n(47963)},A,24,24,True,,,False`,
  `${n(23277)},M,582,"415, 813, 868",True,,"467, 582, 865, 886, 963",True`,
  `${n(4014)},M,614,"789, 614",True,518,,False`,
  `${n(11)},Z,3,,True,,,True`,
].join("\n");

describe("parseMultilabelCsv", () => {
  it("turns problematic images into PROBLEMATIC verdicts and keeps unclear/wrong sets", () => {
    const records = parseMultilabelCsv(SAMPLE, "multilabel.csv");
    expect(records.map((r) => [r.fileNumber, r.status, r.classes, r.category])).toEqual([
      [11, "PROBLEMATIC", [], "Z"],
      [4014, "LABELED", [614, 789], "M"],
      [23277, "PROBLEMATIC", [], "M"],
      [47963, "LABELED", [24], "A"],
    ]);
    expect(records[2]!.details).toMatchObject({ proposedLabels: [415, 813, 868], wrongLabels: [467, 582, 865, 886, 963], unclearLabels: [] });
    expect(records[1]!.details).toMatchObject({ unclearLabels: [518] });
  });

  it("requires the extra columns and valid cells", () => {
    expectImportError(() => parseMultilabelCsv(SAMPLE.replace(",is_problematic", ",problem"), "m.csv"), { file: "m.csv", where: "header", problem: /missing is_problematic/ });
    expectImportError(() => parseMultilabelCsv(SAMPLE.replace(",518,,False", ",518,,maybe"), "m.csv"), { file: "m.csv", where: "line 4, column is_problematic", problem: /True or False/ });
    expectImportError(() => parseMultilabelCsv(SAMPLE.replace(",518,,False", ",5180,,False"), "m.csv"), { file: "m.csv", where: "line 4, column unclear_multi_labels", problem: /not a class index/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(SAMPLE, (text) => parseMultilabelCsv(text, "f.csv"));
  });
});

describeWithSharedData("multilabel.csv (real data)", (data) => {
  it("has one verdict per row; problematic rows are exactly those flagged True", () => {
    const text = data.text("flaws-of-imagenet/multilabel.csv");
    const rows = text.trimEnd().split("\n").slice(1);
    const records = parseMultilabelCsv(text, "multilabel.csv");
    expect(records).toHaveLength(rows.length);
    expect(records.filter((r) => r.status === "PROBLEMATIC")).toHaveLength(rows.filter((l) => l.endsWith(",True")).length);
    expect(records.filter((r) => r.status === "PROBLEMATIC" && r.classes.length > 0)).toEqual([]);
  });
});
