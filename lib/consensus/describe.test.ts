import { describe, expect, it } from "vitest";
import { describeOutcome } from "@/lib/consensus/describe";

const name = (index: number) => `class ${index}`;

describe("describeOutcome", () => {
  it("names classes, ambiguity with candidates and outside labels", () => {
    expect(describeOutcome({ classes: [1, 2], ambiguity: null, candidateClasses: [], outsideLabels: [] }, name)).toBe("class 1, class 2");
    expect(describeOutcome({ classes: [], ambiguity: "BLURRY", candidateClasses: [3, 4], outsideLabels: ["vole"] }, name)).toBe(
      "ambiguous (Blurry: class 3, class 4) · not in ImageNet: vole",
    );
    expect(describeOutcome({ classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [] }, name)).toBe("no outcome");
  });
});
