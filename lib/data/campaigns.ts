import "server-only";
import { db } from "@/lib/db";

export interface MyCampaign {
  id: number;
  name: string;
  status: "DRAFT" | "ACTIVE" | "CLOSED";
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
    select: { id: true, name: true, status: true, annotatorsPerImage: true },
  });
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((campaign) => campaign.id);
  const [done, sizes, times] = await Promise.all([
    db.assignment.groupBy({ by: ["campaignId"], where: { userId, campaignId: { in: ids }, status: "SUBMITTED" }, _count: true }),
    Promise.all(ids.map(campaignSize)),
    db.$queryRaw<{ campaign_id: number; median_ms: number }[]>`
      SELECT campaign_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY time_spent_ms)::float AS median_ms
      FROM decisions WHERE user_id = ${userId} AND campaign_id = ANY(${ids}) AND time_spent_ms IS NOT NULL
      GROUP BY campaign_id`,
  ]);
  return campaigns.map((campaign, position) => ({
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    images: sizes[position]!,
    annotatorsPerImage: campaign.annotatorsPerImage,
    myDone: done.find((row) => row.campaignId === campaign.id)?._count ?? 0,
    myMedianSeconds: medianSeconds(times.find((row) => row.campaign_id === campaign.id)?.median_ms),
  }));
}

const medianSeconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 100) / 10);

/** The user's own progress in one campaign: images they labeled, of the images in it. */
export async function getMyProgress(userId: number, campaignId: number): Promise<{ done: number; total: number }> {
  const [done, total] = await Promise.all([
    db.assignment.count({ where: { userId, campaignId, status: "SUBMITTED" } }),
    campaignSize(campaignId),
  ]);
  return { done, total };
}

// A campaign's queue never changes after creation, so its size is counted once per process
// rather than on every labeling page (a count grows with the campaign; a million rows is slow).
const campaignSizes = new Map<number, Promise<number>>();
function campaignSize(campaignId: number): Promise<number> {
  let size = campaignSizes.get(campaignId);
  if (!size) {
    size = db.campaignImage.count({ where: { campaignId } });
    campaignSizes.set(campaignId, size);
    size.catch(() => campaignSizes.delete(campaignId));
  }
  return size;
}
