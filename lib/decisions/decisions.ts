import { lockAssignmentForSubmit, requireSubmittable, type Tx } from "@/lib/campaigns/queue";
import { recomputeImage } from "@/lib/consensus/recompute";
import { queueConsensusWithin } from "@/lib/consensus/consensus-job";
import { type Db, databaseUrlOf, isCheckViolation } from "@/lib/db";
import { requireKnownClasses } from "@/lib/decisions/known-classes";
import { applyGoldAutoPause } from "@/lib/gold/pause";
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
 * The image's consensus is recomputed in the same transaction (queued, under Dawid–Skene).
 */
export async function submitDecision(db: Db, userId: number, input: SubmitDecisionInput): Promise<SubmittedDecision> {
  const { content } = input;
  const candidateClasses = content.ambiguity ? content.candidateClasses : [];
  try {
    return await writeDecision(db, userId, input, candidateClasses);
  } catch (error) {
    // The taxonomy is checked by the decisions' own trigger, in the write: only a refused write pays a read for the reason in words.
    if (isCheckViolation(error)) await requireKnownClasses(db, content.classes, candidateClasses);
    throw error;
  }
}

async function writeDecision(db: Db, userId: number, input: SubmitDecisionInput, candidateClasses: number[]): Promise<SubmittedDecision> {
  const { campaignId, imageId, content } = input;
  return db.$transaction(async (tx) => {
    const { campaign, assignment } = await lockAssignmentForSubmit(tx, userId, campaignId, imageId);
    // After the lock, so a concurrent copy of this request has committed by now if it ran: a retry
    // answers "already saved" even once the campaign closed or the claim lapsed.
    const replay = await findReplay(tx, userId, input);
    if (replay) return replay;
    const { id: assignmentId, claimedAt, gold } = await requireSubmittable(tx, campaign, assignment, imageId);
    const sinceClaim = Math.max(0, Date.now() - claimedAt.getTime());
    const timeSpentMs = clampTimeSpent(input.timeSpentMs, sinceClaim);
    const fields = {
      classes: content.classes,
      ambiguity: content.ambiguity,
      candidateClasses,
      outsideLabels: content.outsideLabels,
      notes: content.notes,
    };
    // One statement writes the decision (a new version when the author edits it) and its revision,
    // drops the draft and marks the assignment submitted: the hot path pays each round trip on
    // every image of every annotator.
    const now = new Date();
    const shownSources = campaign.showPriorLabels ? input.shownSources : [];
    const [decision] = await tx.$queryRaw<{ id: number; version: number }[]>`
      WITH written AS (
        INSERT INTO decisions AS d (image_id, campaign_id, user_id, classes, ambiguity, candidate_classes, outside_labels, notes,
                                    time_spent_ms, server_time_ms, shown_classes, shown_sources, updated_at)
        VALUES (${imageId}, ${campaignId}, ${userId}, ${fields.classes}::int[], ${fields.ambiguity}::"AmbiguityReason", ${fields.candidateClasses}::int[],
                ${fields.outsideLabels}::text[], ${fields.notes}, ${timeSpentMs}, ${Math.min(sinceClaim, MAX_SERVER_TIME_MS)},
                ${input.shownClasses}::int[], ${shownSources}::text[], ${now})
        ON CONFLICT (campaign_id, image_id, user_id) DO UPDATE SET
          classes = EXCLUDED.classes, ambiguity = EXCLUDED.ambiguity, candidate_classes = EXCLUDED.candidate_classes,
          outside_labels = EXCLUDED.outside_labels, notes = EXCLUDED.notes, version = d.version + 1,
          time_spent_ms = COALESCE(d.time_spent_ms, 0) + EXCLUDED.time_spent_ms, updated_at = EXCLUDED.updated_at
        RETURNING d.id, d.version),
      revision AS (
        INSERT INTO decision_revisions (decision_id, version, classes, ambiguity, candidate_classes, outside_labels, notes, edited_by_id, request_id, created_at)
        SELECT id, version, ${fields.classes}::int[], ${fields.ambiguity}::"AmbiguityReason", ${fields.candidateClasses}::int[], ${fields.outsideLabels}::text[],
               ${fields.notes}, ${userId}, ${input.requestId}, ${now}
        FROM written),
      draft AS (DELETE FROM decision_drafts WHERE user_id = ${userId} AND campaign_id = ${campaignId} AND image_id = ${imageId}),
      submitted AS (UPDATE assignments SET status = 'SUBMITTED', finished_at = ${now} WHERE id = ${assignmentId})
      SELECT id, version FROM written`;
    await rememberOutsideLabels(tx, userId, fields.outsideLabels);
    // In the same transaction: the image's consensus (or, for a gold image, the annotator's gold
    // score) never lags behind its decisions, and under Dawid–Skene the campaign's recomputation is
    // queued exactly when the decision commits.
    if (gold) await applyGoldAutoPause(tx, campaignId, userId);
    else if ((await recomputeImage(tx, campaign, imageId)) === "campaign") await queueConsensusWithin(tx, databaseUrlOf(), campaignId, userId);
    return { decisionId: decision!.id, version: decision!.version, created: true };
  });
}

/**
 * The decision an earlier copy of this request wrote. A request id stands for one submit of one
 * image: found on another image, it is a client bug (or a forgery), and answering "already saved"
 * would silently drop this decision.
 */
async function findReplay(tx: Tx, userId: number, { requestId, campaignId, imageId }: SubmitDecisionInput): Promise<SubmittedDecision | null> {
  const [replay] = await tx.$queryRaw<{ decisionId: number; version: number; userId: number | null; campaignId: number; imageId: number }[]>`
    SELECT r.decision_id AS "decisionId", r.version, d.user_id AS "userId", d.campaign_id AS "campaignId", d.image_id AS "imageId"
    FROM decision_revisions r JOIN decisions d ON d.id = r.decision_id WHERE r.request_id = ${requestId}`;
  if (!replay) return null;
  if (replay.userId !== userId || replay.campaignId !== campaignId || replay.imageId !== imageId) {
    throw new ExpectedError("This submit's request id was already used for another image; reload the page and submit again.");
  }
  return { decisionId: replay.decisionId, version: replay.version, created: false };
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
