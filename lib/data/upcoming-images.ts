import "server-only";
import { PREFETCH_DEPTH } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";


/**
 * The images the user already holds after `currentImageId`, oldest claim first. A read: claims
 * are made by the claim and submit actions (a GET must not change what others are handed).
 */
export async function upcomingImageIds(userId: number, campaignId: number, currentImageId: number): Promise<number[]> {
  const held = await db.assignment.findMany({
    where: { campaignId, userId, status: "ACTIVE", expiresAt: { gt: new Date() }, imageId: { not: currentImageId }, campaign: { status: "ACTIVE" } },
    orderBy: { id: "asc" },
    take: PREFETCH_DEPTH - 1,
    select: { imageId: true },
  });
  return held.map((claim) => claim.imageId);
}

/**
 * Whether the claim action would hand the user an image now: one they hold, or one that still
 * wants annotators (open, or held by someone past their expiry) and was never theirs. A read, so
 * the campaign page can say "nothing left" at once without claiming anything.
 */
export async function hasWorkLeft(userId: number, campaignId: number): Promise<boolean> {
  const [row] = await db.$queryRaw<{ left: boolean }[]>`
    SELECT EXISTS (
        SELECT 1 FROM assignments
        WHERE campaign_id = ${campaignId} AND user_id = ${userId} AND status = 'ACTIVE' AND expires_at > now())
      OR EXISTS (
        SELECT 1 FROM campaign_images ci
        WHERE ci.campaign_id = ${campaignId}
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.campaign_id = ci.campaign_id AND a.image_id = ci.image_id AND a.user_id = ${userId})
          AND (ci.open_slots > 0 OR EXISTS (
            SELECT 1 FROM assignments e
            WHERE e.campaign_id = ci.campaign_id AND e.image_id = ci.image_id AND e.status = 'ACTIVE' AND e.expires_at < now()))
      ) AS left`;
  return row?.left ?? false;
}
