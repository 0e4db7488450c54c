import { describe, expect, it } from "vitest";
import { suggestLabels } from "@/lib/labeling/label-suggestions";

const vocabulary = ["domestic ferret", "ferret badger", "vole", "tayra", "marten", "pine marten", "Field Vole"];

describe("suggestLabels", () => {
  it("lists prefix matches before matches inside a label", () => {
    expect(suggestLabels(vocabulary, "mart", [])).toEqual(["marten", "pine marten"]);
    expect(suggestLabels(vocabulary, "FER", [])).toEqual(["ferret badger", "domestic ferret"]);
  });

  it("leaves out labels already added and the exact text typed", () => {
    expect(suggestLabels(vocabulary, "vole", ["field vole"])).toEqual([]);
    expect(suggestLabels(vocabulary, "vo", ["vole"])).toEqual(["Field Vole"]);
  });

  it("suggests nothing for blank input and at most eight labels", () => {
    expect(suggestLabels(vocabulary, "  ", [])).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `label ${i}`);
    expect(suggestLabels(many, "lab", [])).toHaveLength(8);
  });
});
