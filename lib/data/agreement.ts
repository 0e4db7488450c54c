import "server-only";
import { type CampaignAgreement, loadCampaignAgreement } from "@/lib/agreement/load-campaign-agreement";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db";

// Agreement statistics are for reviewers and admins across every campaign (review:read); for anyone
// else a campaign's report does not exist, so a caller that forgot its check still leaks nothing.

/** A campaign's agreement report, or null (no such campaign, or not the viewer's to see). */
export async function getCampaignAgreement(viewer: SessionUser, campaignId: number): Promise<CampaignAgreement | null> {
  if (!can(viewer, "review:read")) return null;
  return loadCampaignAgreement(db, campaignId);
}

export interface AgreementCampaignItem {
  id: number;
  name: string;
  status: string;
  annotatorsPerImage: number;
  decisions: number;
}

/** Campaigns to pick from, newest first, with how many decisions each holds. */
export async function listAgreementCampaigns(viewer: SessionUser): Promise<AgreementCampaignItem[]> {
  if (!can(viewer, "review:read")) return [];
  const campaigns = await db.campaign.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, annotatorsPerImage: true, _count: { select: { decisions: true } } },
  });
  return campaigns.map(({ _count, ...campaign }) => ({ ...campaign, decisions: _count.decisions }));
}
