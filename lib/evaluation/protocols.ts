import type { ConsensusStatus, VerdictStatus } from "@/lib/generated/prisma/enums";
import type { Truth } from "@/lib/evaluation/score";

/**
 * What each protocol counts as correct on one image. Every function reads a verdict as stored
 * (a source_labels row or a consensus row) and returns the accepted classes or why the image
 * is left out; the reasons are the keys of `leftOutBy` in every figure.
 */

export interface StoredVerdict {
  status: VerdictStatus;
  classes: number[];
  /** multilabel's `unclearLabels`, when the source has them. */
  unclear?: number[];
}

export interface StoredConsensus {
  status: ConsensusStatus;
  classes: number[];
  ambiguous: boolean;
  outsideLabels: string[];
}

export const LEFT_OUT = {
  noLabelFits: "no label fits",
  noAgreement: "raters disagreed",
  problematic: "problematic",
  ambiguous: "ambiguous",
  excluded: "excluded",
  notInImagenet: "not in ImageNet",
  undecided: "no consensus yet",
} as const;

/** The original ImageNet label: one class per image. */
export function originalTruth(verdict: StoredVerdict): Truth {
  return labeledTruth(verdict);
}

/** ReaL (Beyer et al.): top-1 correct when in the image's ReaL set; an empty set means no class fits and the image is excluded. */
export function realTruth(verdict: StoredVerdict): Truth {
  return labeledTruth(verdict);
}

/**
 * Multilabel (Shankar et al. 2020 as corrected by Vasudevan et al. 2022). Our reading: a
 * prediction is correct when it is one of the proposed ("correct") labels; a prediction among
 * the unclear labels is *not* counted correct — the studies only credit labels the reviewers
 * confirmed — but such images are counted apart (`unclearTop1`) so the strict and the lenient
 * figure can both be read off. Problematic images (unclear or wrong original, drawings, heavy
 * edits) are excluded, as the study asks.
 */
export function multilabelTruth(verdict: StoredVerdict): Truth {
  if (verdict.status === "PROBLEMATIC") return { leftOut: LEFT_OUT.problematic };
  const truth = labeledTruth(verdict);
  return "accepted" in truth ? { accepted: truth.accepted, unclear: verdict.unclear ?? [] } : truth;
}

/** The "Flaws of ImageNet" clean validation set: only the images it holds, each with its agreed label set. */
export function cleanSetTruth(verdict: StoredVerdict): Truth {
  return labeledTruth(verdict);
}

/** A source of kind CONSENSUS (the dataset-level result published as a label source). */
export function consensusSourceTruth(verdict: StoredVerdict): Truth {
  return labeledTruth(verdict);
}

/**
 * A campaign's (or the dataset-wide) consensus: top-1 in the consensus set. Ambiguous, excluded
 * and not-in-ImageNet outcomes are left out and counted, and so are images with no outcome yet.
 */
export function consensusTruth(consensus: StoredConsensus): Truth {
  if (consensus.status === "EXCLUDED") return { leftOut: LEFT_OUT.excluded };
  if (consensus.status !== "AGREED" && consensus.status !== "RESOLVED") return { leftOut: LEFT_OUT.undecided };
  if (consensus.ambiguous) return { leftOut: LEFT_OUT.ambiguous };
  if (consensus.classes.length === 0) return { leftOut: consensus.outsideLabels.length > 0 ? LEFT_OUT.notInImagenet : LEFT_OUT.undecided };
  return { accepted: consensus.classes };
}

function labeledTruth(verdict: StoredVerdict): Truth {
  switch (verdict.status) {
    case "LABELED":
      return verdict.classes.length > 0 ? { accepted: verdict.classes } : { leftOut: LEFT_OUT.noLabelFits };
    case "NONE_FIT":
      return { leftOut: LEFT_OUT.noLabelFits };
    case "NO_CONSENSUS":
      return { leftOut: LEFT_OUT.noAgreement };
    case "PROBLEMATIC":
      return { leftOut: LEFT_OUT.problematic };
  }
}
