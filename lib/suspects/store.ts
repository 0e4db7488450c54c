/**
 * The stored suspect score: computing it reads every source of a dataset (seconds at 50,000
 * images), too slow for each page view, and lists must sort and filter on it in SQL. Refreshed
 * as a whole per dataset after whatever feeds it changes (imports, duplicate groups and their
 * verdicts) — by the "suspects" job or directly — in one transaction, so readers see either the
 * old scores or the new ones.
 */
import type { Db } from "@/lib/db";
import { computeSuspectScores } from "@/lib/suspects/compute";

export interface SuspectRefresh {
  images: number;
  ms: number;
}

export async function refreshSuspectScores(db: Db, datasetId: number): Promise<SuspectRefresh> {
  const started = Date.now();
  const scores = await computeSuspectScores(db, datasetId);
  // A whole dataset's rows in one transaction: seconds at 50,000 images on a busy machine, past Prisma's 5 s default.
  await db.$transaction(
    async (tx) => {
      // Two refreshes of one dataset at once take turns, so the second replaces the first's rows instead of colliding with them.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`suspects:${datasetId}`}))`;
      await tx.$executeRaw`DELETE FROM suspect_scores s USING images i WHERE i.id = s.image_id AND i.dataset_id = ${datasetId}`;
      // One statement for every row: arrays in, unnest out.
      await tx.$executeRaw`
        INSERT INTO suspect_scores (image_id, score, parts)
        SELECT * FROM unnest(${scores.map((s) => s.imageId)}::int[], ${scores.map((s) => s.score)}::float8[], ${scores.map((s) => JSON.stringify(s.parts))}::jsonb[])`;
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  return { images: scores.length, ms: Date.now() - started };
}

/** By dataset slug, for callers that know only that (jobs, the CLI); a missing dataset has nothing to score. */
export async function refreshSuspectScoresOf(db: Db, datasetSlug: string): Promise<SuspectRefresh | null> {
  const dataset = await db.dataset.findUnique({ where: { slug: datasetSlug }, select: { id: true } });
  return dataset ? refreshSuspectScores(db, dataset.id) : null;
}
