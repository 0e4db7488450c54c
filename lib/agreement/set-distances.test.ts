import { describe, expect, it } from "vitest";
import { jaccardDistance, masiDistance } from "@/lib/agreement/set-distances";

describe("set distances", () => {
  it("Jaccard: identical, overlapping, disjoint, empty", () => {
    expect(jaccardDistance(["1", "2"], ["2", "1"])).toBe(0);
    expect(jaccardDistance(["1", "2"], ["2", "3"])).toBeCloseTo(2 / 3);
    expect(jaccardDistance(["1"], ["2"])).toBe(1);
    expect(jaccardDistance([], [])).toBe(0);
    expect(jaccardDistance([], ["1"])).toBe(1);
  });

  it("MASI, Passonneau (2006): subset 1 − (1/2)(2/3), overlap 1 − (1/3)(1/3)", () => {
    expect(masiDistance(["a", "b"], ["b", "a"])).toBe(0);
    expect(masiDistance(["a"], ["a", "b"])).toBeCloseTo(1 - (1 / 2) * (2 / 3));
    expect(masiDistance(["a", "b"], ["b", "c"])).toBeCloseTo(1 - (1 / 3) * (1 / 3));
    expect(masiDistance(["a"], ["b"])).toBe(1);
  });
});
