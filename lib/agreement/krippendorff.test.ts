import { describe, expect, it } from "vitest";
import { krippendorffAlpha, nominalDistance } from "@/lib/agreement/krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: reliability data of
// 4 observers (A–D) × 12 units with missing values ("." = no value).
const RELIABILITY_DATA = [
  "1 2 3 3 2 1 4 1 2 . . .",
  "1 2 3 3 2 2 4 1 2 5 . 3",
  ". 3 3 3 2 3 4 2 2 5 1 .",
  "1 2 3 3 2 4 4 1 2 5 1 .",
].map((row) => row.split(" "));
const units = RELIABILITY_DATA[0]!.map((_, unit) => RELIABILITY_DATA.map((row) => row[unit]!).filter((value) => value !== "."));

describe("Krippendorff's α", () => {
  it("Krippendorff (2011), 4 observers × 12 units with missing values: nominal α = 0.743 over n = 40 pairable values", () => {
    const result = krippendorffAlpha(units, nominalDistance);
    expect(result.n).toBe(40);
    expect(result.alpha).toBeCloseTo(0.743, 3);
  });

  it("the same data with the interval metric δ = (c − k)²: α = 0.849, as the paper reports", () => {
    expect(krippendorffAlpha(units, (a, b) => (Number(a) - Number(b)) ** 2).alpha).toBeCloseTo(0.849, 3);
  });

  it("is undefined (null) without variation or without a pairable unit", () => {
    expect(krippendorffAlpha([["x", "x"], ["x", "x", "x"]], nominalDistance).alpha).toBeNull();
    expect(krippendorffAlpha([["x"], ["y"]], nominalDistance)).toEqual({ n: 0, alpha: null });
  });
});
