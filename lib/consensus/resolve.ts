import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/campaigns/queue";
import { lockCampaignConsensus, outcomeOfRow } from "@/lib/consensus/consensus-sql";
import { describeOutcome } from "@/lib/consensus/describe";
import type { Db } from "@/lib/db";
import { requireKnownClasses } from "@/lib/decisions/known-classes";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";
import type { ResolveInput } from "@/lib/validation/review";

/** Another reviewer (or a recomputation) changed the consensus after this reviewer loaded it. */
export class ResolutionConflictError extends ExpectedError {
  constructor(message: string) {
    super(message);
    this.name = "ResolutionConflictError";
  }
}

interface LockedRow {
  id: number;
  version: number;
  status: ConsensusStatus;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidate_classes: number[];
  outside_labels: string[];
  exclude_reason: string | null;
  resolver: string | null;
}

/**
 * Settles an image's consensus in a campaign. Optimistic: the reviewer names the version they saw;
 * if it moved on (another reviewer resolved it, or its decisions changed), nothing is written and
 * the message shows the current result. The row is locked, so of two concurrent resolutions of
 * the same version exactly one wins.
 */
export async function resolveConsensus(db: Db, reviewerId: number, input: ResolveInput): Promise<{ version: number; status: ConsensusStatus }> {
  const { campaignId, imageId, resolution } = input;
  return db.$transaction(async (tx) => {
    const inCampaign = await tx.campaignImage.findUnique({ where: { campaignId_imageId: { campaignId, imageId } }, select: { imageId: true } });
    if (!inCampaign) throw new NotFoundError("That image");
    await lockCampaignConsensus(tx, campaignId, "shared");
    const row = await lockRow(tx, campaignId, imageId);
    if (row.version !== input.expectedVersion) throw new ResolutionConflictError(await conflictMessage(tx, row));

    const status: ConsensusStatus = resolution.kind === "exclude" ? "EXCLUDED" : "RESOLVED";
    const fields =
      resolution.kind === "exclude"
        ? { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [], excludeReason: resolution.reason, note: resolution.notes }
        : {
            classes: resolution.content.classes,
            ambiguity: resolution.content.ambiguity,
            candidateClasses: resolution.content.ambiguity ? resolution.content.candidateClasses : [],
            outsideLabels: resolution.content.outsideLabels,
            excludeReason: null,
            note: resolution.content.notes,
          };
    await requireKnownClasses(tx, fields.classes, fields.candidateClasses);
    const { note, ...outcome } = fields;
    const updated = await tx.consensus.update({
      where: { id: row.id },
      data: { ...outcome, note, status, method: "reviewer", resolvedById: reviewerId, changedSinceResolved: false, version: row.version + 1 },
      select: { version: true, status: true },
    });
    await tx.consensusRevision.create({
      data: { ...outcome, consensusId: row.id, version: updated.version, status, method: "reviewer", note, reviewerId },
    });
    await recordAudit(tx, {
      userId: reviewerId,
      action: status === "EXCLUDED" ? "consensus.excluded" : "consensus.resolved",
      entity: "consensus",
      entityId: row.id,
      details: { campaignId, imageId, version: updated.version },
    });
    return updated;
  });
}

/** The image's row, locked; created empty (version 0) when the image has no consensus yet. */
async function lockRow(tx: Tx, campaignId: number, imageId: number): Promise<LockedRow> {
  await tx.$executeRaw`
    INSERT INTO consensus (image_id, campaign_id, status, classes, candidate_classes, outside_labels, method, version, updated_at)
    VALUES (${imageId}, ${campaignId}, 'UNLABELED', '{}', '{}', '{}', 'none', 0, now())
    ON CONFLICT (image_id, campaign_id) DO NOTHING`;
  const rows = await tx.$queryRaw<(Omit<LockedRow, "resolver"> & { resolved_by_id: number | null })[]>`
    SELECT id, version, status::text AS status, classes, ambiguity::text AS ambiguity, candidate_classes,
           outside_labels, exclude_reason, resolved_by_id
    FROM consensus WHERE campaign_id = ${campaignId} AND image_id = ${imageId}
    FOR UPDATE`;
  const { resolved_by_id: resolverId, ...row } = rows[0]!;
  // Read after the lock: a join in the locking query would still see the resolver from before the wait.
  const resolver = resolverId === null ? null : await tx.user.findUnique({ where: { id: resolverId }, select: { name: true } });
  return { ...row, resolver: resolver?.name ?? null };
}

async function conflictMessage(tx: Tx, row: LockedRow): Promise<string> {
  const outcome = outcomeOfRow(row);
  const indices = [...outcome.classes, ...outcome.candidateClasses];
  const classes = await tx.imageClass.findMany({ where: { index: { in: indices } }, select: { index: true, lemmas: true } });
  const nameOf = (index: number) => classes.find((c) => c.index === index)?.lemmas[0] ?? `class ${index}`;
  const result =
    row.status === "EXCLUDED" ? `excluded (${row.exclude_reason ?? "no reason"})` : row.status === "RESOLVED" || row.status === "AGREED" ? describeOutcome(outcome, nameOf) : row.status.toLowerCase().replace("_", " ");
  const who = row.status === "RESOLVED" || row.status === "EXCLUDED" ? `${row.resolver ?? "Another reviewer"} resolved this image meanwhile` : "This image's consensus changed meanwhile";
  return `${who}: ${result} (version ${row.version}). Nothing was saved; look at the current result and resolve again if you still disagree.`;
}

/** Sends an image back for one more annotation: one more open slot in its campaign's queue. */
export async function sendBackForAnnotation(db: Db, reviewerId: number, ref: { campaignId: number; imageId: number }): Promise<{ openSlots: number }> {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: ref.campaignId }, select: { status: true } });
    if (!campaign) throw new NotFoundError("That campaign");
    if (campaign.status === "CLOSED") throw new ExpectedError("This campaign is closed: reopen it before sending images back for annotation.");
    const rows = await tx.$queryRaw<{ open_slots: number }[]>`
      UPDATE campaign_images SET open_slots = open_slots + 1
      WHERE campaign_id = ${ref.campaignId} AND image_id = ${ref.imageId}
      RETURNING open_slots`;
    if (rows.length === 0) throw new NotFoundError("That image");
    await recordAudit(tx, {
      userId: reviewerId,
      action: "consensus.send-back",
      entity: "campaign-image",
      entityId: `${ref.campaignId}:${ref.imageId}`,
      details: { openSlots: rows[0]!.open_slots },
    });
    return { openSlots: rows[0]!.open_slots };
  });
}
