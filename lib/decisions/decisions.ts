import { lockAssignmentForSubmit, type Tx } from "@/lib/campaigns/queue";
import { recomputeImage } from "@/lib/consensus/recompute";
import type { Db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import type { SaveDraftInput, SubmitDecisionInput } from "@/lib/validation/labeling";

export interface SubmittedDecision {
  decisionId: number;
  version: number;
  /** False when this request had already been applied (a double click or a retry). */
  created: boolean;
}

/**
 * Writes the user's decision on a campaign image: creates it, or records a new version when
 * the author edits it later. Every version is kept in decision_revisions. Idempotent per
 * requestId: a resubmit after a dropped connection returns the first result and writes nothing.
 * The image's consensus is recomputed in the same transaction.
 */
export async function submitDecision(db: Db, userId: number, input: SubmitDecisionInput): Promise<SubmittedDecision> {
  const { campaignId, imageId, content } = input;
  return db.$transaction(async (tx) => {
    // A request id stands for one submit of one image: found on another image, it is a client bug
    // (or a forgery), and answering "already saved" would silently drop this decision.
    const findReplay = async () => {
      const replay = await tx.decisionRevision.findUnique({
        where: { requestId: input.requestId },
        select: { decisionId: true, version: true, decision: { select: { userId: true, campaignId: true, imageId: true } } },
      });
      if (!replay) return null;
      const { decision } = replay;
      if (decision.userId !== userId || decision.campaignId !== campaignId || decision.imageId !== imageId) {
        throw new ExpectedError("This submit's request id was already used for another image; reload the page and submit again.");
      }
      return { decisionId: replay.decisionId, version: replay.version, created: false };
    };
    const replay = await findReplay();
    if (replay) return replay;
    const { campaign, claimedAt } = await lockAssignmentForSubmit(tx, userId, campaignId, imageId);
    // A concurrent copy of this request may have committed while we waited for the lock.
    const lateReplay = await findReplay();
    if (lateReplay) return lateReplay;
    const sinceClaim = Math.max(0, Date.now() - claimedAt.getTime());
    const timeSpentMs = clampTimeSpent(input.timeSpentMs, sinceClaim);
    const fields = {
      classes: content.classes,
      ambiguity: content.ambiguity,
      candidateClasses: content.ambiguity ? content.candidateClasses : [],
      outsideLabels: content.outsideLabels,
      notes: content.notes,
    };
    const existing = await tx.decision.findUnique({
      where: { campaignId_imageId_userId: { campaignId, imageId, userId } },
      select: { id: true, version: true, timeSpentMs: true },
    });
    const decision = existing
      ? await tx.decision.update({
          where: { id: existing.id },
          data: { ...fields, version: existing.version + 1, timeSpentMs: (existing.timeSpentMs ?? 0) + timeSpentMs },
          select: { id: true, version: true },
        })
      : await tx.decision.create({
          data: {
            ...fields,
            imageId,
            campaignId,
            userId,
            timeSpentMs,
            serverTimeMs: Math.min(sinceClaim, MAX_SERVER_TIME_MS),
            shownClasses: input.shownClasses,
            shownSources: campaign.showPriorLabels ? input.shownSources : [],
          },
          select: { id: true, version: true },
        });
    await tx.decisionRevision.create({
      data: { ...fields, decisionId: decision.id, version: decision.version, editedById: userId, requestId: input.requestId },
    });
    await rememberOutsideLabels(tx, userId, fields.outsideLabels);
    await tx.decisionDraft.deleteMany({ where: { userId, campaignId, imageId } });
    // In the same transaction: the image's consensus never lags behind its decisions.
    await recomputeImage(tx, campaignId, imageId);
    return { decisionId: decision.id, version: decision.version, created: true };
  });
}

/** One submit never counts for more than an hour, nor for more than the time since the image was claimed. */
export const MAX_TIME_PER_SUBMIT_MS = 3600 * 1000;
const MAX_SERVER_TIME_MS = 2 ** 31 - 1;

export function clampTimeSpent(clientMs: number, sinceClaimMs: number): number {
  return Math.max(0, Math.min(clientMs, sinceClaimMs, MAX_TIME_PER_SUBMIT_MS));
}

/** Labels outside ImageNet join the shared vocabulary the next annotator is offered. */
async function rememberOutsideLabels(tx: Tx, userId: number, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  await tx.vocabularyLabel.createMany({
    data: labels.map((name) => ({ name, createdById: userId })),
    skipDuplicates: true,
  });
}

/** Autosave: only the user's own claimed images; the latest write wins. */
export async function saveDraft(db: Db, userId: number, input: SaveDraftInput): Promise<{ savedAt: Date }> {
  const { campaignId, imageId } = input;
  const assignment = await db.assignment.findFirst({
    where: { campaignId, imageId, userId, campaign: { members: { some: { userId } } } },
    select: { id: true },
  });
  if (!assignment) throw new NotFoundError("That image");
  const draft = await db.decisionDraft.upsert({
    where: { userId_campaignId_imageId: { userId, campaignId, imageId } },
    create: { userId, campaignId, imageId, payload: input.content },
    update: { payload: input.content },
    select: { updatedAt: true },
  });
  return { savedAt: draft.updatedAt };
}
