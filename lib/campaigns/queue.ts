import { ExpectedError, NotFoundError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import { metrics } from "@/lib/metrics";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface Claim {
  imageId: number;
  expiresAt: Date;
  /** True when the annotator already held this image (a reload or a second tab). */
  resumed: boolean;
}

/** The campaign, if the user may work in it; a foreign or unknown campaign reads as not found. */
export async function findWorkableCampaign(tx: Tx | Db, userId: number, campaignId: number) {
  const campaign = await tx.campaign.findFirst({
    where: { id: campaignId, members: { some: { userId } } },
    select: { id: true, name: true, status: true, claimTtlSeconds: true, annotatorsPerImage: true, showPriorLabels: true, datasetId: true, instructions: true },
  });
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
 * Returns the held claims, oldest first.
 */
export async function holdImages(db: Db, userId: number, campaignId: number, depth: number): Promise<Claim[]> {
  const held = await holdInTransaction(db, userId, campaignId, depth);
  // Counted after the commit, so a rolled-back claim is never counted.
  metrics.claims.inc(held.filter((claim) => !claim.resumed).length);
  return held;
}

function holdInTransaction(db: Db, userId: number, campaignId: number, depth: number): Promise<Claim[]> {
  return db.$transaction(async (tx) => {
    const campaign = await findWorkableCampaign(tx, userId, campaignId);
    if (campaign.status !== "ACTIVE") throw new ExpectedError(campaign.status === "CLOSED" ? "This campaign is closed." : "This campaign has not started yet.");

    const held: Claim[] = (
      await tx.assignment.findMany({
        where: { campaignId, userId, status: "ACTIVE", expiresAt: { gt: new Date() } },
        // Claims made together share a timestamp; ids keep the order they were made in.
        orderBy: { id: "asc" },
        select: { imageId: true, expiresAt: true },
      })
    ).map((claim) => ({ ...claim, resumed: true }));
    if (held.length >= depth) return held.slice(0, depth);

    await releaseExpiredClaims(tx, campaignId);
    const expiresAt = new Date(Date.now() + campaign.claimTtlSeconds * 1000);
    for (let openSlots = 1; openSlots <= campaign.annotatorsPerImage && held.length < depth; openSlots++) {
      // Images that already have some annotators come first, so images get finished before new ones start.
      const rows = await tx.$queryRaw<{ image_id: number }[]>`
        SELECT ci.image_id FROM campaign_images ci
        WHERE ci.campaign_id = ${campaignId} AND ci.open_slots = ${openSlots}
          AND NOT EXISTS (
            SELECT 1 FROM assignments a
            WHERE a.campaign_id = ci.campaign_id AND a.image_id = ci.image_id AND a.user_id = ${userId})
        ORDER BY ci.position
        LIMIT ${depth - held.length}
        FOR UPDATE SKIP LOCKED`;
      for (const { image_id: imageId } of rows) {
        await tx.$executeRaw`UPDATE campaign_images SET open_slots = open_slots - 1 WHERE campaign_id = ${campaignId} AND image_id = ${imageId}`;
        await tx.assignment.create({ data: { campaignId, imageId, userId, expiresAt } });
        held.push({ imageId, expiresAt, resumed: false });
      }
    }
    return held;
  }, CLAIM_TRANSACTION);
}

// Prisma's default 2 s wait for a pooled connection turns a burst of claimers (a team starting at 9:00) into
// errors, as the two-server claim race test showed; they queue for the pool instead.
const CLAIM_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

/** The image the user should label now: the oldest one they hold, or a newly claimed one; null when none is left. */
export async function claimNextImage(db: Db, userId: number, campaignId: number): Promise<Claim | null> {
  return (await holdImages(db, userId, campaignId, 1))[0] ?? null;
}

/** Claims past their expiry go back to the pool; the annotator can still submit while nobody else took the slot. */
export async function releaseExpiredClaims(tx: Tx, campaignId: number): Promise<number> {
  const released = await tx.$queryRaw<{ image_id: number }[]>`
    UPDATE assignments SET status = 'EXPIRED'
    WHERE campaign_id = ${campaignId} AND status = 'ACTIVE' AND expires_at < now()
    RETURNING image_id`;
  for (const { image_id: imageId } of released) {
    await tx.$executeRaw`UPDATE campaign_images SET open_slots = open_slots + 1 WHERE campaign_id = ${campaignId} AND image_id = ${imageId}`;
  }
  return released.length;
}

/**
 * Makes sure the user may write a decision on this image now, locking their assignment row.
 * An expired claim is revived if its slot is still free; otherwise the submit is refused
 * (the caller keeps the draft).
 */
export async function lockAssignmentForSubmit(tx: Tx, userId: number, campaignId: number, imageId: number) {
  const campaign = await findWorkableCampaign(tx, userId, campaignId);
  if (campaign.status === "CLOSED") throw new ExpectedError("This campaign was closed; your draft is kept but can no longer be submitted.");
  const rows = await tx.$queryRaw<{ id: number; status: string; claimed_at: Date }[]>`
    SELECT id, status::text, claimed_at FROM assignments
    WHERE campaign_id = ${campaignId} AND image_id = ${imageId} AND user_id = ${userId}
    FOR UPDATE`;
  const assignment = rows[0];
  if (!assignment) throw new NotFoundError("That image");
  if (assignment.status === "EXPIRED" || assignment.status === "SKIPPED") {
    const retaken = await tx.$executeRaw`
      UPDATE campaign_images SET open_slots = open_slots - 1
      WHERE campaign_id = ${campaignId} AND image_id = ${imageId} AND open_slots > 0`;
    if (retaken === 0) {
      throw new ExpectedError("Your claim on this image expired and other annotators have labeled it since; your draft is kept.");
    }
  }
  await tx.assignment.update({ where: { id: assignment.id }, data: { status: "SUBMITTED", finishedAt: new Date() } });
  return { campaign, claimedAt: assignment.claimed_at };
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
    await tx.$executeRaw`UPDATE campaign_images SET open_slots = open_slots + 1 WHERE campaign_id = ${campaignId} AND image_id = ${imageId}`;
  });
}

/** The image the user finished just before `imageId` (or their latest, when imageId is null), in claim order. */
export async function previousImageId(db: Db, userId: number, campaignId: number, imageId: number | null): Promise<number | null> {
  const current = imageId === null ? null : await db.assignment.findFirst({ where: { campaignId, userId, imageId }, select: { id: true } });
  const previous = await db.assignment.findFirst({
    where: { campaignId, userId, status: { in: ["SUBMITTED", "SKIPPED"] }, ...(current ? { id: { lt: current.id } } : {}) },
    orderBy: { id: "desc" },
    select: { imageId: true },
  });
  return previous?.imageId ?? null;
}
