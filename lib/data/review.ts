import "server-only";
import { getImageSources } from "@/lib/data/labeling";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";
import type { ImageHintView, ModelPrediction, SourceVerdict } from "@/lib/labeling/types";

export interface ReviewDecision {
  id: number;
  annotator: string;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidateClasses: number[];
  outsideLabels: string[];
  notes: string;
  timeSpentMs: number | null;
  version: number;
  updatedAt: string;
}

export interface ConsensusView {
  status: ConsensusStatus;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidateClasses: number[];
  outsideLabels: string[];
  excludeReason: string | null;
  method: string;
  agreement: number | null;
  sourceDisagreement: number | null;
  score: number;
  note: string;
  changedSinceResolved: boolean;
  resolvedBy: string | null;
  /** 0 when the image has no consensus row yet. */
  version: number;
  history: {
    version: number;
    status: ConsensusStatus;
    classes: number[];
    ambiguity: AmbiguityReason | null;
    candidateClasses: number[];
    outsideLabels: string[];
    excludeReason: string | null;
    method: string;
    note: string;
    reviewer: string | null;
    at: string;
  }[];
}

export interface ReviewItem {
  campaign: { id: number; name: string; annotatorsPerImage: number; status: string };
  image: { id: number; fileKey: string; width: number | null; height: number | null; url: string };
  decisions: ReviewDecision[];
  verdicts: SourceVerdict[];
  predictions: ModelPrediction[];
  hints: ImageHintView[];
  consensus: ConsensusView | null;
  openSlots: number;
}

/**
 * Everything a reviewer sees about one image in one campaign: every decision with its author,
 * time and notes (never shown to annotators), every source, the consensus and its history.
 * Callers check review:read; an image outside the campaign reads as not found.
 */
export async function getReviewItem(campaignId: number, imageId: number): Promise<ReviewItem> {
  const entry = await db.campaignImage.findUnique({
    where: { campaignId_imageId: { campaignId, imageId } },
    select: {
      openSlots: true,
      campaign: { select: { id: true, name: true, annotatorsPerImage: true, status: true } },
      image: { select: { id: true, fileKey: true, width: true, height: true } },
    },
  });
  if (!entry) throw new NotFoundError("That image");
  const [decisions, sources, consensus] = await Promise.all([
    db.decision.findMany({
      where: { campaignId, imageId },
      orderBy: { id: "asc" },
      select: {
        id: true, classes: true, ambiguity: true, candidateClasses: true, outsideLabels: true, notes: true, timeSpentMs: true, version: true, updatedAt: true,
        user: { select: { name: true } },
        source: { select: { title: true } },
      },
    }),
    getImageSources(imageId),
    db.consensus.findUnique({
      where: { imageId_campaignId: { imageId, campaignId } },
      include: { resolvedBy: { select: { name: true } }, revisions: { orderBy: { version: "desc" }, include: { reviewer: { select: { name: true } } } } },
    }),
  ]);
  return {
    campaign: entry.campaign,
    image: { ...entry.image, url: `/api/images/${entry.image.id}` },
    openSlots: entry.openSlots,
    decisions: decisions.map(({ user, source, updatedAt, ...d }) => ({ ...d, annotator: user?.name ?? source?.title ?? "imported", updatedAt: updatedAt.toISOString() })),
    ...sources,
    consensus: consensus
      ? {
          status: consensus.status,
          classes: consensus.classes,
          ambiguity: consensus.ambiguity,
          candidateClasses: consensus.candidateClasses,
          outsideLabels: consensus.outsideLabels,
          excludeReason: consensus.excludeReason,
          method: consensus.method,
          agreement: consensus.agreement,
          sourceDisagreement: consensus.sourceDisagreement,
          score: consensus.disagreementScore,
          note: consensus.note,
          changedSinceResolved: consensus.changedSinceResolved,
          resolvedBy: consensus.resolvedBy?.name ?? null,
          version: consensus.version,
          history: consensus.revisions.map((r) => ({
            version: r.version,
            status: r.status,
            classes: r.classes,
            ambiguity: r.ambiguity,
            candidateClasses: r.candidateClasses,
            outsideLabels: r.outsideLabels,
            excludeReason: r.excludeReason,
            method: r.method,
            note: r.note,
            reviewer: r.reviewer?.name ?? null,
            at: r.createdAt.toISOString(),
          })),
        }
      : null,
  };
}

/** Names of the given classes (first lemma), for server-rendered lists. */
export async function getClassNames(indices: Iterable<number>): Promise<Map<number, string>> {
  const wanted = [...new Set(indices)];
  if (wanted.length === 0) return new Map();
  const rows = await db.imageClass.findMany({ where: { index: { in: wanted } }, select: { index: true, lemmas: true } });
  return new Map(rows.map((row) => [row.index, row.lemmas[0] ?? `class ${row.index}`]));
}
