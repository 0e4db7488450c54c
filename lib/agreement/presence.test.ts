import { describe, expect, it } from "vitest";
import { fleissKappa } from "@/lib/agreement/nominal";
import { presenceAgreement } from "@/lib/agreement/presence";

describe("present/absent agreement for one class", () => {
  it("hand-computed: 4 images × 3 decisions, the class in 3/3, 2/3 and 0/3 and 0/3", () => {
    const result = presenceAgreement([{ m: 3, present: 3 }, { m: 3, present: 2 }], { units: 4, decisions: 12 });
    expect(result.images).toBe(2);
    expect(result.decisions).toBe(5);
    // P_i: 1 and 1/3 → agreement over the images that have it 2/3.
    expect(result.agreement).toBeCloseTo(2 / 3, 10);
    // P̄ = (1 + 1/3 + 1 + 1)/4 = 5/6; p = 5/12, P̄_e = (25 + 49)/144; κ = (5/6 − 74/144)/(1 − 74/144) = 46/70.
    expect(result.kappa).toBeCloseTo(46 / 70, 10);
  });

  it("equals Fleiss' κ on the same units spelled out as present/absent values", () => {
    const counts = [[2, 3], [0, 3], [1, 3], [3, 3], [0, 3], [1, 3]] as const;
    const units = counts.map(([present, m]) => [...Array<string>(present).fill("present"), ...Array<string>(m - present).fill("absent")]);
    const positives = counts.filter(([present]) => present > 0).map(([present, m]) => ({ m, present }));
    expect(presenceAgreement(positives, { units: 6, decisions: 18 }).kappa).toBeCloseTo(fleissKappa(units, 3).kappa!, 12);
  });

  it("is undefined without pairable images, and κ undefined when every decision has the class", () => {
    expect(presenceAgreement([], { units: 0, decisions: 0 })).toEqual({ images: 0, decisions: 0, agreement: null, kappa: null });
    expect(presenceAgreement([{ m: 2, present: 2 }], { units: 1, decisions: 2 }).kappa).toBeNull();
  });
});
