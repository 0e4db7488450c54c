import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/data/image-access";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export interface ExampleScope {
  /** The campaign being labeled; required unless the viewer has review:read. */
  campaignId: number | null;
  excludeImageId: number | null;
}

/**
 * Other images of a class, to compare with the one being labeled, whose pixels the server has:
 * training-style samples named after the class's wnid first (a neutral pool: they carry no
 * validation label), then images whose original label is the class. In a blind campaign only the
 * neutral pool: listing images by original label would tell the annotator what the prior label of
 * the image on screen is. An annotator only ever gets images of the campaign's own dataset and,
 * for labeled examples, of the campaign itself (the images they may see).
 */
export async function listClassExamples(viewer: Viewer, classIndex: number, scope: ExampleScope, limit = 6): Promise<number[]> {
  const reviewer = can(viewer, "review:read");
  const campaign =
    scope.campaignId === null
      ? null
      : await db.campaign.findFirst({
          where: { id: scope.campaignId, ...(reviewer ? {} : { members: { some: { userId: viewer.id } } }) },
          select: { id: true, datasetId: true, showPriorLabels: true },
        });
  if (!campaign && (scope.campaignId !== null || !reviewer)) throw new NotFoundError("That campaign");
  const cls = await db.imageClass.findUnique({ where: { index: classIndex }, select: { wnid: true } });
  if (!cls) return [];
  const datasetId = campaign?.datasetId ?? null;
  const neutral = await db.$queryRaw<{ id: number }[]>`
    SELECT i.id FROM images i
    WHERE i.split = 'TRAIN' AND i.file_key LIKE ${`${cls.wnid}\\_%`} AND i.bytes IS NOT NULL
      AND (${datasetId}::int IS NULL OR i.dataset_id = ${datasetId})
      AND i.id <> ${scope.excludeImageId ?? 0}
    ORDER BY i.id LIMIT ${limit}`;
  if ((campaign && !campaign.showPriorLabels) || neutral.length >= limit) return neutral.map((row) => row.id);
  // Reviewers outside a campaign see every dataset; everyone else only the campaign's images.
  const campaignId = campaign && !reviewer ? campaign.id : null;
  const labeled = await db.$queryRaw<{ id: number }[]>`
    SELECT i.id FROM source_labels o
    JOIN label_sources s ON s.id = o.source_id AND s.kind = 'ORIGINAL'
    JOIN images i ON i.id = o.image_id AND i.bytes IS NOT NULL
    WHERE o.classes && ARRAY[${classIndex}]::int[] AND i.id <> ${scope.excludeImageId ?? 0}
      AND (${datasetId}::int IS NULL OR i.dataset_id = ${datasetId})
      AND (${campaignId}::int IS NULL OR EXISTS (SELECT 1 FROM campaign_images ci WHERE ci.campaign_id = ${campaignId} AND ci.image_id = i.id))
    ORDER BY i.id LIMIT ${limit - neutral.length}`;
  return [...neutral, ...labeled].map((row) => row.id);
}
