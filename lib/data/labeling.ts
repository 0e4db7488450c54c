import "server-only";
import { findWorkableCampaign } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { mergeCandidates } from "@/lib/labeling/candidates";
import type { DraftContent, ImageHintView, LabelingItem, ModelPrediction, SourceVerdict } from "@/lib/labeling/types";

export interface LabelingCampaign {
  id: number;
  name: string;
  instructions: string;
  status: "DRAFT" | "ACTIVE" | "CLOSED";
}

/**
 * Everything the labeling screen shows for one image, for a user who holds (or held) it in the
 * campaign. Blind campaigns show no prior labels; no annotator ever sees another's decision.
 */
export async function getLabelingItem(
  userId: number,
  campaignId: number,
  imageId: number,
): Promise<{ campaign: LabelingCampaign; item: LabelingItem }> {
  const campaign = await findWorkableCampaign(db, userId, campaignId);
  const assignment = await db.assignment.findUnique({
    where: { campaignId_imageId_userId: { campaignId, imageId, userId } },
    select: { id: true },
  });
  if (!assignment) throw new NotFoundError("That image");

  const image = await db.image.findUniqueOrThrow({
    where: { id: imageId },
    select: { id: true, fileKey: true, width: true, height: true },
  });
  // A blind pass hides every prior label, the original one included: it would anchor the annotator too.
  const { verdicts, predictions, hints } = campaign.showPriorLabels ? await getImageSources(imageId) : { verdicts: [], predictions: [], hints: [] };

  const [decision, draft] = await Promise.all([
    db.decision.findUnique({
      where: { campaignId_imageId_userId: { campaignId, imageId, userId } },
      select: { classes: true, ambiguity: true, candidateClasses: true, outsideLabels: true, notes: true, version: true, updatedAt: true },
    }),
    db.decisionDraft.findUnique({ where: { userId_campaignId_imageId: { userId, campaignId, imageId } }, select: { payload: true } }),
  ]);

  const item: LabelingItem = {
    campaignId,
    image: { id: image.id, fileKey: image.fileKey, width: image.width, height: image.height, url: `/api/images/${image.id}` },
    verdicts,
    predictions,
    hints,
    candidates: mergeCandidates(verdicts, predictions, hints),
    saved: decision ? { ...decision, updatedAt: decision.updatedAt.toISOString() } : null,
    draft: (draft?.payload as DraftContent | undefined) ?? null,
  };
  const { id, name, instructions, status } = campaign;
  return { campaign: { id, name, instructions, status }, item };

}

/** Every source's verdict, prediction and hint on an image, in the workbench's order (also shown to reviewers). */
export async function getImageSources(imageId: number): Promise<{ verdicts: SourceVerdict[]; predictions: ModelPrediction[]; hints: ImageHintView[] }> {
  const priors = await listPriorLabels(imageId);
  const verdicts: SourceVerdict[] = priors.labels
    .map((label) => ({
      source: label.source.name,
      title: label.source.title,
      kind: label.source.kind,
      status: label.status,
      classes: label.classes,
      votes: (label.votes ?? null) as Record<string, number> | null,
      details: (label.details ?? null) as Record<string, unknown> | null,
    }))
    .sort((a, b) => sourceOrder(a.kind) - sourceOrder(b.kind) || a.title.localeCompare(b.title));
  const predictions: ModelPrediction[] = priors.predictions.map((prediction) => ({
    source: prediction.source.name,
    title: prediction.source.title,
    classes: prediction.classes,
    scores: prediction.scores,
  }));
  const hints: ImageHintView[] = priors.hints.map((hint) => ({
    source: hint.source.name,
    title: hint.source.title,
    classIndex: hint.classIndex,
    category: hint.category,
    severity: hint.severity,
  }));
  return { verdicts, predictions, hints };
}

const KIND_ORDER = ["ORIGINAL", "STUDY", "EXPERT", "CONSENSUS", "MODEL"];
const sourceOrder = (kind: string) => KIND_ORDER.indexOf(kind);

async function listPriorLabels(imageId: number) {
  const source = { select: { name: true, title: true, kind: true } } as const;
  const [labels, predictions, hints] = await Promise.all([
    db.sourceLabel.findMany({ where: { imageId }, select: { status: true, classes: true, votes: true, details: true, source } }),
    db.prediction.findMany({ where: { imageId }, select: { classes: true, scores: true, source } }),
    db.imageHint.findMany({ where: { imageId }, select: { classIndex: true, category: true, severity: true, source } }),
  ]);
  return { labels, predictions, hints };
}
