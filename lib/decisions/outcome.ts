import type { AmbiguityReason } from "@/lib/generated/prisma/enums";

/**
 * What a decision (or a consensus, or a source's verdict read as one) says about an image,
 * in the shape consensus rules and agreement statistics compare.
 */
export interface DecisionOutcome {
  /** Sorted, distinct class indices. */
  classes: number[];
  /** Non-null marks the outcome ambiguous. */
  ambiguity: AmbiguityReason | null;
  candidateClasses: number[];
  /** Labels outside ImageNet, lower-cased. */
  outsideLabels: string[];
}

/** Items compared as sets: each class, plus one marker for "ambiguous" and one per outside label. */
export function outcomeItems(outcome: DecisionOutcome): string[] {
  return [
    ...outcome.classes.map(String),
    ...(outcome.ambiguity ? ["ambiguous"] : []),
    ...outcome.outsideLabels.map((label) => `outside:${label}`),
  ];
}

/**
 * The whole outcome as one nominal value (for percent agreement, κ and nominal α): the sorted
 * class set plus its markers, so {1,2} and {2,1} are the same value and {1} and {1, ambiguous} differ.
 */
export function outcomeKey(outcome: DecisionOutcome): string {
  return [...outcomeItems(outcome)].sort().join("|");
}
