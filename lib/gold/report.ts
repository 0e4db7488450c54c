import type { Db } from "@/lib/db";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { readGoldAnswers } from "@/lib/gold/answers";
import { scoreGold } from "@/lib/gold/score";

export interface GoldReport {
  campaign: number;
  goldImages: number;
  goldShare: number;
  pauseBelow: number | null;
  minAnswers: number;
  annotators: {
    userId: number;
    name: string;
    email: string;
    answers: number;
    exact: number | null;
    jaccard: number | null;
    paused: boolean;
    pausedReason: string | null;
    missed: { imageId: number; file: string; jaccard: number; answer: DecisionOutcome; gold: DecisionOutcome }[];
  }[];
}

/** Each member's gold accuracy in a campaign (members without gold answers too), worst first; null for no such campaign. */
export async function getGoldReport(db: Db, campaignId: number): Promise<GoldReport | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      goldShare: true, goldPauseBelow: true, goldMinAnswers: true,
      members: { select: { userId: true, pausedAt: true, pausedReason: true, user: { select: { name: true, email: true } } } },
      _count: { select: { images: { where: { gold: true } } } },
    },
  });
  if (!campaign) return null;
  const scores = scoreGold(await readGoldAnswers(db, campaignId));
  const annotators = campaign.members.map((member) => {
    const score = scores.get(member.userId);
    return {
      userId: member.userId,
      name: member.user.name,
      email: member.user.email,
      answers: score?.answers ?? 0,
      exact: score?.exact ?? null,
      jaccard: score?.jaccard ?? null,
      paused: member.pausedAt !== null,
      pausedReason: member.pausedReason,
      missed: (score?.missed ?? []).map(({ fileKey, ...miss }) => ({ ...miss, file: fileKey })),
    };
  });
  annotators.sort((a, b) => (a.jaccard ?? 2) - (b.jaccard ?? 2) || a.email.localeCompare(b.email));
  return { campaign: campaignId, goldImages: campaign._count.images, goldShare: campaign.goldShare, pauseBelow: campaign.goldPauseBelow, minAnswers: campaign.goldMinAnswers, annotators };
}
