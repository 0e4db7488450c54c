import "server-only";
import { db } from "@/lib/db";

/** The image on screen plus the next three, whose pixels the browser loads ahead. */
export const PREFETCH_DEPTH = 4;

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
