/**
 * The normalized records every parser produces. They know nothing of the database:
 * loaders in lib/import/load/*.ts turn them into rows. Class indices are positions in the
 * dataset's wnid-sorted class list; images are named by an ImageRef.
 */
import type { AmbiguityReason, VerdictStatus } from "@/lib/generated/prisma/enums";

/**
 * How a record names its image within its dataset. The generic formats (original labels,
 * predictions) give the image's file key, for any split (`n01440764_10026.JPEG`); the val-only
 * formats (ReaL and the studies: positions in ImageNet's 50,000 validation files by definition)
 * give the validation file number, whose key is `ILSVRC2012_val_<8 digits>.JPEG`.
 */
export type ImageRef = { fileKey: string; fileNumber?: undefined } | { fileNumber: number; fileKey?: undefined };

export interface ClassRecord {
  index: number;
  wnid: string;
  lemmas: string[];
  gloss: string;
}

export interface ClassGroupRecord {
  /** Relation codes 1..6 (see flaws-of-imagenet/CATEGORIES.md). */
  codes: number[];
  classes: number[];
}

/** One image's label set from a prior study or the original labels. */
export type VerdictRecord = ImageRef & {
  status: VerdictStatus;
  /** Sorted ascending, no duplicates; empty unless status is LABELED. */
  classes: number[];
  /** "Flaws of ImageNet" normalized category A/B/M/Z/X where the file states one. */
  category?: string;
  manuallyValidated?: boolean;
  /** Per-class scores keyed by class index, e.g. ReaL's Dawid-Skene estimates. */
  scores?: Record<string, number>;
  /** Raw votes as published (Northcutt's {given, guessed, neither, both}). */
  votes?: Record<string, number>;
  /** Source-specific extras (multilabel's unclear/wrong sets, Northcutt's guessed label, ...). */
  details?: Record<string, unknown>;
};

/** A model's top-k for one image, best first; scores empty when not published. */
export type PredictionRecord = ImageRef & {
  classes: number[];
  scores: number[];
};

/** Vasudevan et al.'s expert reading of a strong model's remaining mistake. */
export interface HintRecord {
  fileNumber: number;
  /** The model's top prediction. */
  classIndex: number | null;
  /** Normalized spelling, e.g. "fine-grained with OOV". */
  category: string;
  severity: string;
}

/** An external expert's decision, in the same terms as a decision made in the app. */
export interface ExpertDecisionRecord {
  fileNumber: number;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidateClasses: number[];
  outsideLabels: string[];
  notes: string;
}

export interface DuplicateGroupRecord {
  fileNumbers: number[];
}
