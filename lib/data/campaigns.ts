import "server-only";
import { cache } from "react";
import { findWorkableCampaign } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";

/**
 * The campaign as the queue checks it (membership, status, settings), read once per request
 * however many parts of a page ask for it (the labeling page asked three times).
 */
export const getWorkableCampaign = cache((userId: number, campaignId: number) => findWorkableCampaign(db, userId, campaignId));

export interface MyCampaign {
  id: number;
  name: string;
  status: CampaignStatus;
  images: number;
  annotatorsPerImage: number;
  myDone: number;
  /** The user's median time per image in this campaign, in seconds. */
  myMedianSeconds: number | null;
}

/** Campaigns the user is a member of, with their own progress. */
export async function listMyCampaigns(userId: number): Promise<MyCampaign[]> {
  const campaigns = await db.campaign.findMany({
    where: { members: { some: { userId } } },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, annotatorsPerImage: true, imageCount: true },
  });
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((campaign) => campaign.id);
  const [done, times] = await Promise.all([
    db.assignment.groupBy({ by: ["campaignId"], where: { userId, campaignId: { in: ids }, status: "SUBMITTED" }, _count: true }),
    db.$queryRaw<{ campaign_id: number; median_ms: number }[]>`
      SELECT campaign_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY time_spent_ms)::float AS median_ms
      FROM decisions WHERE user_id = ${userId} AND campaign_id = ANY(${ids}) AND time_spent_ms IS NOT NULL
      GROUP BY campaign_id`,
  ]);
  return campaigns.map((campaign) => ({
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    images: campaign.imageCount,
    annotatorsPerImage: campaign.annotatorsPerImage,
    myDone: done.find((row) => row.campaignId === campaign.id)?._count ?? 0,
    myMedianSeconds: medianSeconds(times.find((row) => row.campaign_id === campaign.id)?.median_ms),
  }));
}

const medianSeconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 100) / 10);

/** The user's own progress in one campaign: images they labeled, of the images in it. */
export async function getMyProgress(userId: number, campaignId: number): Promise<{ done: number; total: number }> {
  const [done, campaign] = await Promise.all([
    db.assignment.count({ where: { userId, campaignId, status: "SUBMITTED" } }),
    // The size is stored on the row at creation: the same answer on every app server, without counting a million rows.
    getWorkableCampaign(userId, campaignId),
  ]);
  return { done, total: campaign.imageCount };
}
