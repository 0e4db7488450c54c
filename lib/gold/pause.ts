import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/campaigns/queue";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { readGoldAnswers } from "@/lib/gold/answers";
import { scoreGold, shouldPause } from "@/lib/gold/score";

/**
 * After a gold answer, in the submit's transaction: pauses the member when the campaign's rule says
 * so. Only reads this member's gold answers (a handful), so the submit stays cheap.
 */
export async function applyGoldAutoPause(tx: Tx, campaignId: number, userId: number): Promise<boolean> {
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { goldPauseBelow: true, goldMinAnswers: true } });
  if (campaign.goldPauseBelow === null) return false;
  const score = scoreGold(await readGoldAnswers(tx, campaignId, userId)).get(userId);
  if (!score || !shouldPause(score, { pauseBelow: campaign.goldPauseBelow, minAnswers: campaign.goldMinAnswers })) return false;
  const reason = `gold accuracy ${Math.round(score.jaccard! * 100)}% below ${Math.round(campaign.goldPauseBelow * 100)}% after ${score.answers} gold answers`;
  const paused = await tx.campaignMember.updateMany({ where: { campaignId, userId, pausedAt: null }, data: { pausedAt: new Date(), pausedReason: reason } });
  if (paused.count > 0) await recordAudit(tx, { userId: null, action: "member.pause", entity: "campaign", entityId: campaignId, details: { member: userId, reason } });
  return paused.count > 0;
}

/** An admin pauses (no new claims; held images may still be submitted) or resumes a member. */
export async function setMemberPaused(db: Db, spec: { campaignId: number; userId: number; paused: boolean; adminId: number | null }): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.campaignMember.updateMany({
      where: { campaignId: spec.campaignId, userId: spec.userId },
      data: spec.paused ? { pausedAt: new Date(), pausedReason: "paused by an admin" } : { pausedAt: null, pausedReason: null },
    });
    if (updated.count === 0) throw new NotFoundError("That member");
    await recordAudit(tx, {
      userId: spec.adminId, action: spec.paused ? "member.pause" : "member.resume", entity: "campaign", entityId: spec.campaignId, details: { member: spec.userId },
    });
  });
}
