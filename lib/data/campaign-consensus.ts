import "server-only";
import { countByStatus } from "@/lib/consensus/consensus-sql";
import { db } from "@/lib/db";

/** The campaign's consensus rule and how its images stand, for the admin campaign page. */
export async function getCampaignConsensus(campaignId: number) {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { consensusRule: true, consensusQuorum: true } });
  if (!campaign) return null;
  const { images, byStatus } = await countByStatus(db, campaignId);
  return { rule: campaign.consensusRule, quorum: campaign.consensusQuorum, images, byStatus };
}
