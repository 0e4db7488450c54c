import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, fleissKappaFromCounts, percentAgreement, unitPairAgreement } from "@/lib/agreement/nominal";

const repeat = <T>(times: number, pair: T): T[] => Array<T>(times).fill(pair);

describe("Cohen's κ", () => {
  it("Wikipedia, \"Cohen's kappa\", 50 grant applications: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → p_o 0.7, p_e 0.5, κ 0.4", () => {
    const pairs = [
      ...repeat(20, ["yes", "yes"] as const),
      ...repeat(5, ["yes", "no"] as const),
      ...repeat(10, ["no", "yes"] as const),
      ...repeat(15, ["no", "no"] as const),
    ];
    const result = cohenKappa(pairs);
    expect(result.n).toBe(50);
    expect(result.agreement).toBeCloseTo(0.7, 10);
    expect(result.kappa).toBeCloseTo(0.4, 10);
  });

  it("Cohen (1960)'s point: κ is 0 when the raters agree only as often as their marginals predict", () => {
    // Each rater says "a" half the time, independently: p_o = p_e = 0.5.
    const pairs = [["a", "a"], ["a", "b"], ["b", "a"], ["b", "b"]] as const;
    expect(cohenKappa(pairs).kappa).toBeCloseTo(0, 10);
  });

  it("is undefined (null) with no shared unit, or when both raters always give one and the same value", () => {
    expect(cohenKappa([])).toEqual({ n: 0, agreement: null, kappa: null });
    expect(cohenKappa(repeat(3, ["x", "x"] as const))).toEqual({ n: 3, agreement: 1, kappa: null });
  });
});

describe("Fleiss' κ", () => {
  it("Fleiss (1971) as worked on Wikipedia, \"Fleiss' kappa\": 10 subjects × 14 raters × 5 categories → κ 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    // Wikipedia's intermediate figures: P_2 = 0.253, P̄ = 0.378, P̄_e = 0.213.
    expect(unitPairAgreement(["1", "1", "2", "2", "2", "2", "2", "2", "3", "3", "3", "3", "4", "4"])).toBeCloseTo(0.253, 3);
    expect(fleissKappaFromCounts(table)).toBeCloseTo(0.21, 3);
  });

  it("counts only units with exactly k values", () => {
    const units = [["a", "a"], ["a", "b"], ["a", "a", "b"], ["b"]];
    const result = fleissKappa(units, 2);
    expect(result.n).toBe(2);
    // P̄ = (1 + 0)/2 = 0.5; pooled a 3/4, b 1/4 → P̄_e = 10/16; κ = (0.5 − 0.625)/(0.375) = −1/3.
    expect(result.kappa).toBeCloseTo(-1 / 3, 10);
    expect(fleissKappa(units, 4)).toEqual({ k: 4, n: 0, kappa: null });
  });
});

describe("pairwise percent agreement", () => {
  it("averages the share of agreeing pairs over units with ≥ 2 values (hand-computed)", () => {
    // {a,a,b}: 1 agreeing pair of 3 → 1/3; {a,a}: 1; {c}: not pairable.
    const result = percentAgreement([["a", "a", "b"], ["a", "a"], ["c"]]);
    expect(result.n).toBe(2);
    expect(result.agreement).toBeCloseTo((1 / 3 + 1) / 2, 10);
    expect(percentAgreement([["a"]])).toEqual({ n: 0, agreement: null });
  });
});
