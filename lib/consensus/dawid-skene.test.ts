import { describe, expect, it } from "vitest";
import { dawidSkene, dawidSkeneConsensus, type LabeledImage } from "@/lib/consensus/dawid-skene";
import { majority } from "@/lib/consensus/rules";
import type { DecisionOutcome } from "@/lib/decisions/outcome";

const o = (classes: number[]): DecisionOutcome => ({ classes, ambiguity: null, candidateClasses: [], outsideLabels: [] });
const GOOD_A = 1;
const GOOD_B = 2;
const WRONG = 3;

/**
 * Hand-made: on 20 images annotators 1 and 2 agree on the class (image i shows class i) while
 * annotator 3 always names another one (class i + 100). Then one image that only annotators 1 and
 * 3 labeled, disagreeing: majority cannot decide it; EM has learned that 3 is reliably wrong.
 */
function reliablyWrongCase(): LabeledImage[] {
  const images: LabeledImage[] = Array.from({ length: 20 }, (_, i) => ({
    imageId: i,
    decisions: [
      { annotator: GOOD_A, outcome: o([i]) },
      { annotator: GOOD_B, outcome: o([i]) },
      { annotator: WRONG, outcome: o([i + 100]) },
    ],
  }));
  images.push({ imageId: 99, decisions: [{ annotator: GOOD_A, outcome: o([7]) }, { annotator: WRONG, outcome: o([8]) }] });
  return images;
}

describe("dawidSkene", () => {
  it("down-weights an annotator who is reliably wrong", () => {
    const result = dawidSkene(reliablyWrongCase());
    const wrong = result.annotators.get(WRONG)!;
    const good = result.annotators.get(GOOD_A)!;
    expect(wrong.sensitivity).toBeLessThan(0.2);
    expect(good.sensitivity).toBeGreaterThan(0.9);
    expect(good.specificity).toBeGreaterThan(0.9);

    const contested = result.posteriors.get(99)!;
    expect(contested["7"]).toBeGreaterThan(0.5);
    expect(contested["8"]).toBeLessThan(0.5);
    expect(majority([o([7]), o([8])], null)).toBeNull();
  });

  it("gives posteriors per image and item, and converges", () => {
    const result = dawidSkene(reliablyWrongCase());
    expect(Object.keys(result.posteriors.get(0)!).sort()).toEqual(["0", "100"]);
    expect(result.posteriors.get(0)!["0"]).toBeGreaterThan(0.9);
    expect(result.iterations).toBeLessThan(100);
  });

  it("turns posteriors into consensus statuses: the contested image is agreed on the reliable annotator's class", () => {
    const consensus = dawidSkeneConsensus(reliablyWrongCase(), 2);
    expect(consensus.get(99)).toMatchObject({ status: "AGREED", outcome: o([7]), method: "dawid-skene" });
    expect(consensus.get(3)).toMatchObject({ status: "AGREED", outcome: o([3]) });
    expect(consensus.get(3)!.posterior!["103"]).toBeLessThan(0.5);
  });

  it("leaves images below k in progress", () => {
    const consensus = dawidSkeneConsensus([...reliablyWrongCase(), { imageId: 200, decisions: [{ annotator: GOOD_A, outcome: o([5]) }] }], 2);
    expect(consensus.get(200)).toMatchObject({ status: "IN_PROGRESS", outcome: null });
  });
});
