import "server-only";
import { db } from "@/lib/db";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";

export interface AnnotatorProgress {
  userId: number;
  name: string;
  email: string;
  submitted: number;
  skipped: number;
  inProgress: number;
  medianSeconds: number | null;
}

export interface CampaignProgress {
  id: number;
  name: string;
  status: CampaignStatus;
  annotatorsPerImage: number;
  showPriorLabels: boolean;
  /** Regular images: gold ones are counted apart (every member gets each once, so they are never "left" for the campaign). */
  images: number;
  goldImages: number;
  /** Images with all the decisions they need. */
  done: number;
  /** Images some annotator holds right now. */
  inProgress: number;
  left: number;
  annotators: AnnotatorProgress[];
}

/** Progress of one campaign, overall (regular images) and per member (gold answers included); counts come from the database in three grouped queries. */
export async function getCampaignProgress(campaignId: number): Promise<CampaignProgress | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, name: true, status: true, annotatorsPerImage: true, showPriorLabels: true, members: { select: { user: { select: { id: true, name: true, email: true } } } } },
  });
  if (!campaign) return null;
  const [imageCounts] = await db.$queryRaw<{ images: number; gold: number; done: number; in_progress: number }[]>`
    SELECT count(*) FILTER (WHERE NOT gold)::int AS images,
           count(*) FILTER (WHERE gold)::int AS gold,
           count(*) FILTER (WHERE NOT gold AND submitted >= ${campaign.annotatorsPerImage})::int AS done,
           count(*) FILTER (WHERE NOT gold AND active > 0)::int AS in_progress
    FROM (
      SELECT ci.image_id, ci.gold,
             count(a.id) FILTER (WHERE a.status = 'SUBMITTED') AS submitted,
             count(a.id) FILTER (WHERE a.status = 'ACTIVE' AND a.expires_at > now()) AS active
      FROM campaign_images ci
      LEFT JOIN assignments a ON a.campaign_id = ci.campaign_id AND a.image_id = ci.image_id
      WHERE ci.campaign_id = ${campaignId}
      GROUP BY ci.image_id, ci.gold
    ) per_image`;
  const perUser = await db.$queryRaw<{ user_id: number; submitted: number; skipped: number; active: number }[]>`
    SELECT user_id,
           count(*) FILTER (WHERE status = 'SUBMITTED')::int AS submitted,
           count(*) FILTER (WHERE status = 'SKIPPED')::int AS skipped,
           count(*) FILTER (WHERE status = 'ACTIVE' AND expires_at > now())::int AS active
    FROM assignments WHERE campaign_id = ${campaignId} GROUP BY user_id`;
  const times = await db.$queryRaw<{ user_id: number; median_ms: number }[]>`
    SELECT user_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY time_spent_ms)::float AS median_ms
    FROM decisions WHERE campaign_id = ${campaignId} AND time_spent_ms IS NOT NULL GROUP BY user_id`;
  const counts = imageCounts ?? { images: 0, gold: 0, done: 0, in_progress: 0 };
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    annotatorsPerImage: campaign.annotatorsPerImage,
    showPriorLabels: campaign.showPriorLabels,
    images: counts.images,
    goldImages: counts.gold,
    done: counts.done,
    inProgress: counts.in_progress,
    left: counts.images - counts.done - counts.in_progress,
    annotators: campaign.members.map(({ user }) => {
      const row = perUser.find((entry) => entry.user_id === user.id);
      const time = times.find((entry) => entry.user_id === user.id);
      return {
        userId: user.id,
        name: user.name,
        email: user.email,
        submitted: row?.submitted ?? 0,
        skipped: row?.skipped ?? 0,
        inProgress: row?.active ?? 0,
        medianSeconds: time ? Math.round(time.median_ms / 100) / 10 : null,
      };
    }),
  };
}

export async function listCampaigns() {
  return db.campaign.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, annotatorsPerImage: true, showPriorLabels: true, createdAt: true, _count: { select: { images: true, members: true } } },
  });
}
