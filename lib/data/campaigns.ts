import "server-only";
import { db } from "@/lib/db";

export interface MyCampaign {
  id: number;
  name: string;
  status: "DRAFT" | "ACTIVE" | "CLOSED";
  images: number;
  annotatorsPerImage: number;
  myDone: number;
  /** Images that still need an annotator (not counting claims in progress). */
  openSlots: number;
}

/** Campaigns the user is a member of, with their own progress. */
export async function listMyCampaigns(userId: number): Promise<MyCampaign[]> {
  const campaigns = await db.campaign.findMany({
    where: { members: { some: { userId } } },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, annotatorsPerImage: true, _count: { select: { images: true } } },
  });
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((campaign) => campaign.id);
  const [done, open] = await Promise.all([
    db.assignment.groupBy({ by: ["campaignId"], where: { userId, campaignId: { in: ids }, status: "SUBMITTED" }, _count: true }),
    db.campaignImage.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids } }, _sum: { openSlots: true } }),
  ]);
  return campaigns.map((campaign) => ({
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    images: campaign._count.images,
    annotatorsPerImage: campaign.annotatorsPerImage,
    myDone: done.find((row) => row.campaignId === campaign.id)?._count ?? 0,
    openSlots: open.find((row) => row.campaignId === campaign.id)?._sum.openSlots ?? 0,
  }));
}
