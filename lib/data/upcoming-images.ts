import "server-only";
import { holdImages } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";

/** The image on screen plus the next three, whose pixels the browser loads ahead. */
export const PREFETCH_DEPTH = 4;

/** The images the user will get after `currentImageId` (claimed now if needed); none once the campaign is closed. */
export async function upcomingImageIds(userId: number, campaignId: number, currentImageId: number): Promise<number[]> {
  try {
    const held = await holdImages(db, userId, campaignId, PREFETCH_DEPTH);
    return held.map((claim) => claim.imageId).filter((id) => id !== currentImageId).slice(0, PREFETCH_DEPTH - 1);
  } catch (error) {
    if (error instanceof ExpectedError) return [];
    throw error;
  }
}
