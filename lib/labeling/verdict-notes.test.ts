import { describe, expect, it } from "vitest";
import { describeVerdict } from "@/lib/labeling/verdict-notes";

describe("describeVerdict", () => {
  const names = (index: number) => ({ 795: "ski", 970: "alp" })[index] ?? `class ${index}`;

  it("lists votes and names the classes in the details", () => {
    expect(describeVerdict({ given: 0, guessed: 1, both: 4, neither: 0 }, { rule: "majority", guessedLabel: 795, originalLabel: 970 }, names)).toEqual([
      "votes: given 0, guessed 1, both 4, neither 0",
      "rule: majority",
      "guessed label: ski",
      "original label: alp",
    ]);
  });

  it("names every class of a list, leaves other values alone, and skips empty ones", () => {
    expect(describeVerdict(null, { unclearLabels: [795, 970], wrongLabels: [], validation: "+*" }, names)).toEqual([
      "unclear labels: ski, alp",
      "validation: +*",
    ]);
  });

  it("leaves out bookkeeping kept only for analytics (ReaL's list order)", () => {
    expect(describeVerdict(null, { labelsInFileOrder: [970, 795] }, names)).toEqual([]);
  });
});
