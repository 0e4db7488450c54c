import "server-only";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { getGoldReport, type GoldReport } from "@/lib/gold/report";

// Gold answers and scores are for admins only: an annotator who saw them would know which images are gold.

/** A campaign's gold report, or null (no such campaign, or not the viewer's to see). */
export async function getCampaignGoldReport(viewer: SessionUser, campaignId: number): Promise<GoldReport | null> {
  if (!can(viewer, "campaign:manage")) return null;
  return getGoldReport(db, campaignId);
}

export type GoldAnswerView = DecisionOutcome & { origin: string };

/** An image's gold answer, or null (none, or not the viewer's to see). */
export async function getGoldAnswer(viewer: SessionUser, imageId: number): Promise<GoldAnswerView | null> {
  if (!can(viewer, "campaign:manage")) return null;
  return db.goldAnswer.findUnique({ where: { imageId }, select: { classes: true, ambiguity: true, candidateClasses: true, outsideLabels: true, origin: true } });
}
