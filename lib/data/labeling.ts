import "server-only";
import { getWorkableCampaign } from "@/lib/data/campaigns";
import { vocabularyOf } from "@/lib/data/vocabulary";
import { db } from "@/lib/db";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import { NotFoundError } from "@/lib/errors";
import { mergeCandidates } from "@/lib/labeling/candidates";
import { queryJsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImageHintView, LabelingItem, ModelPrediction, SavedDecision, SourceVerdict, WorkbenchItem } from "@/lib/labeling/types";
import type { DraftContent } from "@/lib/validation/labeling";

export interface LabelingCampaign {
  id: number;
  name: string;
  instructions: string;
  status: CampaignStatus;
}

/**
 * Everything the labeling screen shows for one image, for a user who holds (or held) it in the
 * campaign. Blind campaigns show no prior labels; no annotator ever sees another's decision.
 */
export async function getLabelingItem(
  userId: number,
  campaignId: number,
  imageId: number,
): Promise<{ campaign: LabelingCampaign; item: LabelingItem }> {
  const campaign = await getWorkableCampaign(userId, campaignId);
  const [item] = await readHeldItems(userId, campaign, [imageId]);
  if (!item) throw new NotFoundError("That image");
  const { id, name, instructions, status } = campaign;
  return { campaign: { id, name, instructions, status }, item };
}

interface HeldRow {
  id: number;
  file_key: string;
  width: number | null;
  height: number | null;
  saved: SavedDecision | null;
  draft: DraftContent | null;
}

/**
 * The items of images the user holds (or held), in the order asked: one statement for the images
 * with the user's own decision and draft, one for every source's labels on all of them. A batch
 * of four took sixty round trips one image and relation at a time.
 */
async function readHeldItems(userId: number, campaign: { id: number; showPriorLabels: boolean }, imageIds: readonly number[]): Promise<LabelingItem[]> {
  const [rows, sources] = await Promise.all([
    queryJsonRows<HeldRow>(db, Prisma.sql`
      SELECT i.id, i.file_key, i.width, i.height,
             CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object(
               'classes', d.classes, 'ambiguity', d.ambiguity, 'candidateClasses', d.candidate_classes, 'outsideLabels', d.outside_labels,
               'notes', d.notes, 'version', d.version, 'updatedAt', to_char(d.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS saved,
             dr.payload AS draft
      FROM assignments a
      JOIN images i ON i.id = a.image_id
      LEFT JOIN decisions d ON d.campaign_id = a.campaign_id AND d.image_id = a.image_id AND d.user_id = a.user_id
      LEFT JOIN decision_drafts dr ON dr.campaign_id = a.campaign_id AND dr.image_id = a.image_id AND dr.user_id = a.user_id
      WHERE a.campaign_id = ${campaign.id} AND a.user_id = ${userId} AND a.image_id = ANY(${imageIds}::int[])`),
    // A blind pass hides every prior label, the original one included: it would anchor the annotator too.
    campaign.showPriorLabels ? listImageSources(imageIds) : new Map<number, ImageSources>(),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return imageIds.flatMap((imageId) => {
    const row = byId.get(imageId);
    if (!row) return [];
    const { verdicts, predictions, hints } = sources.get(imageId) ?? NO_SOURCES;
    return [{
      campaignId: campaign.id,
      image: { id: row.id, fileKey: row.file_key, width: row.width, height: row.height, url: `/api/images/${row.id}` },
      verdicts,
      predictions,
      hints,
      candidates: mergeCandidates(verdicts, predictions, hints),
      saved: row.saved,
      draft: row.draft,
    }];
  });
}

export interface ImageSources {
  verdicts: SourceVerdict[];
  predictions: ModelPrediction[];
  hints: ImageHintView[];
}

const NO_SOURCES: ImageSources = { verdicts: [], predictions: [], hints: [] };

/** Every source's verdict, prediction and hint on an image, in the workbench's order (also shown to reviewers). */
export async function getImageSources(imageId: number): Promise<ImageSources> {
  return (await listImageSources([imageId])).get(imageId) ?? NO_SOURCES;
}

type SourceRow =
  | ({ kind_of_row: "verdict"; image_id: number } & SourceVerdict)
  | ({ kind_of_row: "prediction"; image_id: number } & ModelPrediction)
  | ({ kind_of_row: "hint"; image_id: number } & ImageHintView);

/** The sources of several images in one statement (labels, predictions and hints with their source's names). */
async function listImageSources(imageIds: readonly number[]): Promise<Map<number, ImageSources>> {
  const ids = Prisma.sql`ANY(${imageIds}::int[])`;
  const rows = await queryJsonRows<SourceRow>(db, Prisma.sql`
    SELECT 'verdict' AS kind_of_row, sl.image_id, ls.name AS source, ls.title, ls.kind, sl.status, sl.classes, sl.votes, sl.details,
           NULL::float8[] AS scores, NULL::int AS "classIndex", NULL AS category, NULL AS severity, sl.id
    FROM source_labels sl JOIN label_sources ls ON ls.id = sl.source_id WHERE sl.image_id = ${ids}
    UNION ALL
    SELECT 'prediction', p.image_id, ls.name, ls.title, ls.kind, NULL, p.classes, NULL, NULL, p.scores, NULL, NULL, NULL, p.id
    FROM predictions p JOIN label_sources ls ON ls.id = p.source_id WHERE p.image_id = ${ids}
    UNION ALL
    SELECT 'hint', h.image_id, ls.name, ls.title, ls.kind, NULL, NULL, NULL, NULL, NULL, h.class_index, h.category, h.severity, h.id
    FROM image_hints h JOIN label_sources ls ON ls.id = h.source_id WHERE h.image_id = ${ids}
    ORDER BY 1, 14`);
  const sources = new Map<number, ImageSources>();
  for (const row of rows) {
    const entry = sources.get(row.image_id) ?? { verdicts: [], predictions: [], hints: [] };
    sources.set(row.image_id, entry);
    if (row.kind_of_row === "verdict") {
      const { source, title, kind, status, classes, votes, details } = row;
      entry.verdicts.push({ source, title, kind, status, classes, votes: votes ?? null, details: details ?? null });
    } else if (row.kind_of_row === "prediction") {
      entry.predictions.push({ source: row.source, title: row.title, classes: row.classes, scores: row.scores });
    } else {
      entry.hints.push({ source: row.source, title: row.title, classIndex: row.classIndex, category: row.category, severity: row.severity });
    }
  }
  for (const entry of sources.values()) entry.verdicts.sort((a, b) => sourceOrder(a.kind) - sourceOrder(b.kind) || a.title.localeCompare(b.title));
  return sources;
}

const KIND_ORDER = ["ORIGINAL", "STUDY", "EXPERT", "CONSENSUS", "MODEL"];
const sourceOrder = (kind: string) => KIND_ORDER.indexOf(kind);

/**
 * The workbench data of images the user holds (or held) in the campaign; others are left out.
 * A fixed number of statements however many images: the campaign, the items, their sources and,
 * where prior labels are shown, the shared vocabulary once.
 */
export async function listWorkbenchItems(userId: number, campaignId: number, imageIds: readonly number[]): Promise<WorkbenchItem[]> {
  let campaign;
  try {
    campaign = await getWorkableCampaign(userId, campaignId);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
  const items = await readHeldItems(userId, campaign, imageIds);
  if (items.length === 0) return [];
  // The shared vocabulary does not depend on the image: read once for the batch.
  if (campaign.showPriorLabels) {
    const vocabulary = await vocabularyOf(campaign, { userId, campaignId, imageId: items[0]!.image.id });
    return items.map((item) => ({ item, vocabulary }));
  }
  return Promise.all(items.map(async (item) => ({ item, vocabulary: await vocabularyOf(campaign, { userId, campaignId, imageId: item.image.id }) })));
}
