import { performance } from "node:perf_hooks";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { createDb } from "@/lib/db";
import { seedUser } from "@/lib/testing/factories";

export interface RecomputeTimes {
  images: number;
  /** First recomputation: every image's row and revision written. */
  firstMs: number;
  /** Nothing changed: read, compare, write nothing. */
  unchangedMs: number;
  /** A rule change (majority → unanimous) that revises the disagreeing images. */
  ruleChangeMs: number;
}

/**
 * A campaign of `images` images × 3 decisions (a third with one dissenter, a tenth with no
 * majority), written with set-based SQL, then recomputed three times.
 */
export async function timeRecompute(url: string, images: number): Promise<RecomputeTimes> {
  const db = createDb(url);
  try {
    const slug = `bench-consensus-${images}-${Date.now()}`;
    const dataset = await db.dataset.create({ data: { slug, name: slug }, select: { id: true } });
    await db.$executeRaw`
      INSERT INTO images (dataset_id, file_key, split, file_number, storage_path)
      SELECT ${dataset.id}, 'img_' || n, 'VAL', n, 'img_' || n FROM generate_series(1, ${images}::int) AS n`;
    const imageIds = (await db.image.findMany({ where: { datasetId: dataset.id }, orderBy: { id: "asc" }, select: { id: true } })).map((image) => image.id);
    const users = await Promise.all([seedUser(db), seedUser(db), seedUser(db)]);
    const campaignId = await createCampaign(db, {
      datasetId: dataset.id, name: slug, instructions: "", annotatorsPerImage: 3, showPriorLabels: true, selection: {}, imageIds, memberIds: users.map((u) => u.id), createdById: null,
    });
    await db.$executeRaw`
      INSERT INTO decisions (campaign_id, image_id, user_id, classes, candidate_classes, outside_labels, updated_at)
      SELECT ${campaignId}, i.id, u.id,
             ARRAY[CASE WHEN (u.ord = 3 AND i.id % 3 = 0) OR (u.ord > 1 AND i.id % 10 = 0) THEN (i.id + u.ord) % 1000 ELSE i.id % 1000 END],
             '{}', '{}', now()
      FROM images i CROSS JOIN unnest(${users.map((u) => u.id)}::int[]) WITH ORDINALITY AS u(id, ord)
      WHERE i.dataset_id = ${dataset.id}`;
    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return Math.round(performance.now() - started);
    };
    const firstMs = await time(() => recomputeCampaign(db, campaignId));
    const unchangedMs = await time(() => recomputeCampaign(db, campaignId));
    const ruleChangeMs = await time(() => recomputeCampaign(db, campaignId, { rule: { rule: "UNANIMOUS", quorum: null } }));
    return { images, firstMs, unchangedMs, ruleChangeMs };
  } finally {
    await db.$disconnect();
  }
}
