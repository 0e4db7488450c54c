import "server-only";
import { getWorkableCampaign } from "@/lib/data/campaigns";
import { db } from "@/lib/db";

export interface VocabularyScope {
  userId: number;
  campaignId: number;
  /** The image on screen. */
  imageId: number;
}

/**
 * Labels outside ImageNet offered as suggestions while labeling an image, most recent first. Where
 * prior labels are shown: the shared vocabulary of every campaign. In a blind campaign only the
 * labels used in this campaign, and none that only other annotators gave this very image: the
 * shared list would show what others saw in images across campaigns, and a label used only on the
 * image on screen would give its answer away.
 */
export async function listVocabulary(scope: VocabularyScope, limit = 500): Promise<string[]> {
  return vocabularyOf(await getWorkableCampaign(scope.userId, scope.campaignId), scope, limit);
}

/** listVocabulary for a campaign the caller has already checked (getWorkableCampaign): a batch of items reads it once. */
export async function vocabularyOf(campaign: { id: number; showPriorLabels: boolean }, scope: VocabularyScope, limit = 500): Promise<string[]> {
  if (campaign.showPriorLabels) {
    const labels = await db.$queryRaw<{ name: string }[]>`SELECT name FROM vocabulary_labels ORDER BY created_at DESC LIMIT ${limit}`;
    return labels.map((label) => label.name);
  }
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT label AS name FROM decisions d, unnest(d.outside_labels) AS label
    WHERE d.campaign_id = ${campaign.id} AND (d.image_id <> ${scope.imageId} OR d.user_id = ${scope.userId})
    GROUP BY label ORDER BY max(d.updated_at) DESC LIMIT ${limit}`;
  return rows.map((row) => row.name);
}
