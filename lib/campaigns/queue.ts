import { ExpectedError, NotFoundError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignStatus, ConsensusRule } from "@/lib/generated/prisma/enums";
import { metrics } from "@/lib/metrics";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const PAUSED_MESSAGE = "Your work in this campaign is paused: you cannot take new images. Your labels so far are kept; ask the campaign's admin to resume you.";

/** What an annotator holds at once: the image on screen plus the next three, whose pixels the browser loads ahead. */
export const PREFETCH_DEPTH = 4;
/** The most a fast annotator holds, while the submits of images already left behind are still on their way (`holdImages`). */
export const MAX_HELD = 2 * PREFETCH_DEPTH;

export interface Claim {
  imageId: number;
  expiresAt: Date;
  /** True when the annotator already held this image (a reload or a second tab). */
  resumed: boolean;
}

export interface WorkableCampaign {
  id: number;
  name: string;
  status: CampaignStatus;
  claimTtlSeconds: number;
  annotatorsPerImage: number;
  showPriorLabels: boolean;
  datasetId: number;
  instructions: string;
  imageCount: number;
  consensusRule: ConsensusRule;
  consensusQuorum: number | null;
  /** The caller's own membership: set while they may claim nothing new. */
  pausedAt: Date | null;
}

/** The campaign as WorkableCampaign, joined to the caller's membership: no row for a foreign or unknown campaign. */
const workableCampaign = (userId: number, campaignId: number) => Prisma.sql`
    SELECT c.id, c.name, c.status::text AS status, c.claim_ttl_seconds AS "claimTtlSeconds", c.annotators_per_image AS "annotatorsPerImage",
           c.show_prior_labels AS "showPriorLabels", c.dataset_id AS "datasetId", c.instructions, c.image_count AS "imageCount",
           c.consensus_rule::text AS "consensusRule", c.consensus_quorum AS "consensusQuorum", m.paused_at AS "pausedAt"
    FROM campaigns c JOIN campaign_members m ON m.campaign_id = c.id AND m.user_id = ${userId}
    WHERE c.id = ${campaignId}`;

/**
 * The campaign, if the user may work in it; a foreign or unknown campaign reads as not found.
 * One statement (campaign joined to the caller's membership): every labeling request starts here,
 * and Prisma's relation filter plus nested select took two round trips.
 */
export async function findWorkableCampaign(tx: Tx | Db, userId: number, campaignId: number): Promise<WorkableCampaign> {
  const [campaign] = await tx.$queryRaw<WorkableCampaign[]>(workableCampaign(userId, campaignId));
  if (!campaign) throw new NotFoundError("That campaign");
  return campaign;
}

/**
 * Makes the user hold up to `depth` images of the campaign (the one on screen and the next ones,
 * which the browser prefetches), claiming more atomically when needed: no image goes to more
 * annotators than the campaign wants, and nobody gets the same image twice. Concurrent claimers
 * never wait on each other's rows (SKIP LOCKED). Every query runs on an index, so the cost does
 * not grow with the campaign: expired claims are found by (campaign, status, expires_at) and open
 * images by (campaign, open_slots, position), one open-slot count at a time.
 * Gold images ride along unseen: their slots are never used up (every member labels each once,
 * which the NOT EXISTS already enforces), so they stay among the fresh images at their shuffled
 * positions and the claim query needs no gold logic. A paused member gets nothing new.
 * `sending` names images the browser has moved past and whose submits are still on their way: each
 * one it holds adds one to the depth, so a fast annotator still has images ahead while the server
 * catches up. Never more than twice the depth, whatever a client claims it is sending.
 * Returns the held claims, oldest first.
 */
export async function holdImages(db: Db, userId: number, campaignId: number, depth: number, sending: readonly number[] = []): Promise<Claim[]> {
  const held = await holdInTransaction(db, userId, campaignId, depth, new Set(sending));
  // Counted after the commit, so a rolled-back claim is never counted.
  metrics.claims.inc(held.filter((claim) => !claim.resumed).length);
  return held;
}

function holdInTransaction(db: Db, userId: number, campaignId: number, baseDepth: number, sending: ReadonlySet<number>): Promise<Claim[]> {
  return db.$transaction(async (tx) => {
    // The campaign and the claims the user holds, in one statement: every submit claims ahead.
    const [row] = await tx.$queryRaw<(WorkableCampaign & { held: string })[]>`
      WITH campaign AS (${workableCampaign(userId, campaignId)})
      SELECT campaign.*, (
        -- Claims made together share a timestamp; ids keep the order they were made in.
        SELECT COALESCE(json_agg(json_build_object('imageId', a.image_id, 'expiresAt', (extract(epoch FROM a.expires_at) * 1000)::bigint) ORDER BY a.id), '[]')::text
        FROM assignments a WHERE a.campaign_id = ${campaignId} AND a.user_id = ${userId} AND a.status = 'ACTIVE' AND a.expires_at > ${new Date()}
      ) AS held
      FROM campaign`;
    if (!row) throw new NotFoundError("That campaign");
    const { held: heldJson, ...campaign } = row;
    if (campaign.status !== "ACTIVE") throw new ExpectedError(campaign.status === "CLOSED" ? "This campaign is closed." : "This campaign has not started yet.");

    const held: Claim[] = (JSON.parse(heldJson) as { imageId: number; expiresAt: number }[])
      .map((claim) => ({ imageId: claim.imageId, expiresAt: new Date(claim.expiresAt), resumed: true }));
    const depth = baseDepth + Math.min(baseDepth, held.filter((claim) => sending.has(claim.imageId)).length);
    if (held.length >= depth) return held.slice(0, depth);
    // Paused: the images already held may be finished, nothing new is claimed.
    if (campaign.pausedAt) {
      if (held.length > 0) return held;
      throw new ExpectedError(PAUSED_MESSAGE);
    }

    await releaseExpiredClaims(tx, campaignId);
    // Times from this process, as Prisma writes every other timestamp (the columns hold UTC without a zone).
    const claimedAt = new Date();
    const expiresAt = new Date(claimedAt.getTime() + campaign.claimTtlSeconds * 1000);
    for (let openSlots = 1; openSlots <= campaign.annotatorsPerImage && held.length < depth; openSlots++) {
      // Images that already have some annotators come first, so images get finished before new ones start.
      // Pick, take the slots and record the claims in one statement: a round trip per image cost more than the pick.
      const rows = await tx.$queryRaw<{ id: number; image_id: number }[]>`
        WITH picked AS (
          SELECT ci.image_id, ci.position FROM campaign_images ci
          WHERE ci.campaign_id = ${campaignId} AND ci.open_slots = ${openSlots}
            -- Never the user's before: a probe of the unique key per candidate, whatever the statistics say. As NOT EXISTS, a
            -- plan made while the user had few claims read all of them for every claim, a little more each image.
            AND (SELECT a.id FROM assignments a
                 WHERE a.campaign_id = ci.campaign_id AND a.image_id = ci.image_id AND a.user_id = ${userId}) IS NULL
          ORDER BY ci.position
          LIMIT ${depth - held.length}
          FOR UPDATE SKIP LOCKED),
        slots AS (
          UPDATE campaign_images ci SET open_slots = ci.open_slots - 1 FROM picked
          WHERE ci.campaign_id = ${campaignId} AND ci.image_id = picked.image_id AND NOT ci.gold)
        INSERT INTO assignments (campaign_id, image_id, user_id, status, claimed_at, expires_at)
        SELECT ${campaignId}, image_id, ${userId}, 'ACTIVE', ${claimedAt}, ${expiresAt} FROM picked ORDER BY position
        RETURNING id, image_id`;
      // Ids follow the queue's order (the insert's ORDER BY); held claims are read back in id order too.
      const claimed = rows.sort((a, b) => a.id - b.id);
      for (const { image_id: imageId } of claimed) held.push({ imageId, expiresAt, resumed: false });
    }
    return held;
  }, CLAIM_TRANSACTION);
}

// Claims come in bursts (a team starting at 9:00, the two-server claim race test): they may queue for a
// pooled connection longer than the 10 s every transaction gets (lib/db.ts).
const CLAIM_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

/** The image the user should label now: the oldest one they hold, or a newly claimed one; null when none is left. */
export async function claimNextImage(db: Db, userId: number, campaignId: number): Promise<Claim | null> {
  return (await holdImages(db, userId, campaignId, 1))[0] ?? null;
}

/** Claims past their expiry go back to the pool; the annotator can still submit while nobody else took the slot. */
export async function releaseExpiredClaims(tx: Tx, campaignId: number): Promise<number> {
  // One statement: it runs before every claim, usually releasing nothing. An image held by several
  // annotators may lose several claims at once, hence the count per image.
  const [result] = await tx.$queryRaw<{ released: number }[]>`
    WITH released AS (
      UPDATE assignments SET status = 'EXPIRED'
      WHERE campaign_id = ${campaignId} AND status = 'ACTIVE' AND expires_at < now()
      RETURNING image_id),
    freed AS (
      UPDATE campaign_images ci SET open_slots = ci.open_slots + per_image.n
      FROM (SELECT image_id, count(*)::int AS n FROM released GROUP BY image_id) AS per_image
      WHERE ci.campaign_id = ${campaignId} AND ci.image_id = per_image.image_id AND NOT ci.gold)
    SELECT count(*)::int AS released FROM released`;
  return result!.released;
}

export interface LockedAssignment {
  id: number;
  status: string;
  claimedAt: Date;
  gold: boolean;
}

/**
 * The campaign and the user's assignment of the image, locked until the submit commits: copies
 * of one submit (a retry, a second server) wait here for each other. One statement, as every
 * submit of every annotator pays its round trips; the image's gold flag comes with it. It judges
 * nothing: the caller first looks for an earlier copy of its request, then asks requireSubmittable.
 */
export async function lockAssignmentForSubmit(tx: Tx, userId: number, campaignId: number, imageId: number): Promise<{ campaign: WorkableCampaign; assignment: LockedAssignment | null }> {
  const [row] = await tx.$queryRaw<(WorkableCampaign & { assignmentId: number | null; assignmentStatus: string; claimedAt: Date; gold: boolean })[]>`
    WITH campaign AS (${workableCampaign(userId, campaignId)}),
    assignment AS (
      SELECT a.id, a.status::text AS status, a.claimed_at, ci.gold FROM assignments a
      JOIN campaign_images ci ON ci.campaign_id = a.campaign_id AND ci.image_id = a.image_id
      WHERE a.campaign_id = ${campaignId} AND a.image_id = ${imageId} AND a.user_id = ${userId} AND EXISTS (SELECT 1 FROM campaign)
      FOR UPDATE OF a)
    SELECT campaign.*, assignment.id AS "assignmentId", assignment.status AS "assignmentStatus", assignment.claimed_at AS "claimedAt", assignment.gold
    FROM campaign LEFT JOIN assignment ON true`;
  if (!row) throw new NotFoundError("That campaign");
  const { assignmentId, assignmentStatus, claimedAt, gold, ...campaign } = row;
  return { campaign, assignment: assignmentId === null ? null : { id: assignmentId, status: assignmentStatus, claimedAt, gold } };
}

/**
 * Makes sure the user may write a decision on the image locked by lockAssignmentForSubmit. An
 * expired claim is revived if its slot is still free; otherwise the submit is refused (the caller
 * keeps the draft). The caller marks the assignment submitted with the decision's own statement.
 */
export async function requireSubmittable(tx: Tx, campaign: WorkableCampaign, assignment: LockedAssignment | null, imageId: number): Promise<LockedAssignment> {
  if (campaign.status === "CLOSED") throw new ExpectedError("This campaign was closed; your draft is kept but can no longer be submitted.");
  if (!assignment) throw new NotFoundError("That image");
  if (assignment.status === "EXPIRED" || assignment.status === "SKIPPED") {
    const retaken = await tx.$executeRaw`
      UPDATE campaign_images SET open_slots = open_slots - (NOT gold)::int
      WHERE campaign_id = ${campaign.id} AND image_id = ${imageId} AND open_slots > 0`;
    if (retaken === 0) {
      throw new ExpectedError("Your claim on this image expired and other annotators have labeled it since; your draft is kept.");
    }
  }
  return assignment;
}

/** Gives the image back to the pool; the user will not be handed it again. */
export async function skipImage(db: Db, userId: number, campaignId: number, imageId: number, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await findWorkableCampaign(tx, userId, campaignId);
    const updated = await tx.assignment.updateMany({
      where: { campaignId, imageId, userId, status: "ACTIVE" },
      data: { status: "SKIPPED", finishedAt: new Date(), skipReason: reason },
    });
    if (updated.count === 0) throw new NotFoundError("That image");
    await tx.$executeRaw`UPDATE campaign_images SET open_slots = open_slots + 1 WHERE campaign_id = ${campaignId} AND image_id = ${imageId} AND NOT gold`;
  });
}

/**
 * The image the user finished just before `imageId` (or their latest, when imageId is null), in claim order.
 * `sending`: images whose submit the browser has queued but not delivered yet; they count as finished,
 * else Previous would skip the image just submitted.
 */
export async function previousImageId(
  db: Db,
  userId: number,
  campaignId: number,
  imageId: number | null,
  sending: readonly number[] = [],
): Promise<number | null> {
  const current = imageId === null ? null : await db.assignment.findFirst({ where: { campaignId, userId, imageId }, select: { id: true } });
  const finished: Prisma.AssignmentWhereInput[] = [{ status: { in: ["SUBMITTED", "SKIPPED"] } }];
  if (sending.length > 0) finished.push({ status: "ACTIVE", imageId: { in: [...sending] } });
  const previous = await db.assignment.findFirst({
    where: { campaignId, userId, OR: finished, ...(current ? { id: { lt: current.id } } : {}) },
    orderBy: { id: "desc" },
    select: { imageId: true },
  });
  return previous?.imageId ?? null;
}
