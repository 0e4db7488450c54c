/**
 * What the labeling screen receives from the server for one image. Plain serializable data:
 * built by lib/data/labeling.ts, rendered by components/labeling/*.
 */
import type { SourceKind, VerdictStatus } from "@/lib/generated/prisma/enums";
import type { DecisionContent } from "@/lib/validation/decision";
import type { DraftContent } from "@/lib/validation/labeling";

/** Relation codes of the "Flaws of ImageNet" class clusters. */
export const RELATION_NAMES: Record<number, string> = {
  1: "distinguishable only by experts",
  2: "look alike to non-experts",
  3: "subset",
  4: "part of",
  5: "near-synonyms",
  6: "often co-occur",
};

export interface ClassSummary {
  index: number;
  wnid: string;
  /** First WordNet lemma; shown everywhere a class is named. */
  name: string;
  lemmas: string[];
  gloss: string;
  openaiName: string | null;
  modifiedName: string | null;
  /** Problematic groups this class belongs to: the other members and the relation codes. */
  groups: { codes: number[]; classes: number[] }[];
}

/** One source's verdict on the image, as published. */
export interface SourceVerdict {
  source: string;
  title: string;
  kind: SourceKind;
  status: VerdictStatus;
  classes: number[];
  /** Raw votes as published (Northcutt's {given, guessed, neither, both}); null when none. */
  votes: Record<string, number> | null;
  /** Source-specific extras (multilabel's unclear/wrong sets, the vote rule, ...); null when none. */
  details: Record<string, unknown> | null;
}

export interface ModelPrediction {
  source: string;
  title: string;
  classes: number[];
  /** Empty when the model published no scores. */
  scores: number[];
}

export interface ImageHintView {
  source: string;
  title: string;
  classIndex: number | null;
  category: string;
  severity: string;
}

/** Why a class is on the candidate list: which source proposed it, and how strongly. */
export interface CandidateBadge {
  source: string;
  title: string;
  kind: SourceKind;
  /** Model rank (1 = top) or score where known. */
  rank?: number;
  score?: number;
}

export interface Candidate {
  classIndex: number;
  badges: CandidateBadge[];
}

export interface LabelingImage {
  id: number;
  fileKey: string;
  width: number | null;
  height: number | null;
  /** Authenticated URL of the pixels. */
  url: string;
}

export interface SavedDecision extends DecisionContent {
  version: number;
  updatedAt: string;
}

export interface LabelingItem {
  campaignId: number;
  image: LabelingImage;
  /** Empty in a blind campaign. */
  verdicts: SourceVerdict[];
  predictions: ModelPrediction[];
  hints: ImageHintView[];
  /** Merged, ordered candidate list (lib/labeling/candidates.ts); numbered 1..9 for the keyboard. */
  candidates: Candidate[];
  saved: SavedDecision | null;
  draft: DraftContent | null;
}

/** One image's workbench data besides the campaign: what the screen swaps in on submit without a server render. */
export interface WorkbenchItem {
  item: LabelingItem;
  /** Per image: a blind campaign suggests no other annotator's words for this very image. */
  vocabulary: string[];
}
