/**
 * The stored evaluation table: scoring every model on 50,000 images takes seconds per model, too
 * slow for a page view and wrong to keep in one app server's memory. The "evaluation" job computes
 * it with evaluateModels and stores it per dataset with the data version it was computed from;
 * pages read the row and compare versions. Free of "server-only" so a worker runs it.
 */
import type { Db } from "@/lib/db";
import { type EvaluateOptions, datasetIdOf, evaluateModels, type ModelEvaluation } from "@/lib/evaluation/load-evaluation";

/**
 * Changes whenever anything evaluation reads changes: an import (each source's import time), a
 * consensus row, class groups (replaced with new ids on import), duplicate groups, their members
 * and verdicts. Cheap enough for every page view (counts and maxima over indexed columns).
 */
export async function evaluationDataVersion(db: Db, datasetId: number): Promise<string> {
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('/',
      (SELECT count(*) || ':' || coalesce(max(s.imported_at)::text, '') FROM label_sources s WHERE s.dataset_id = ${datasetId}),
      (SELECT count(*) || ':' || coalesce(max(c.updated_at)::text, '') FROM consensus c JOIN images i ON i.id = c.image_id WHERE i.dataset_id = ${datasetId}),
      (SELECT count(*) || ':' || coalesce(max(g.id), 0) FROM class_groups g),
      (SELECT count(*) FROM class_group_members),
      (SELECT count(*) || ':' || coalesce(max(g.id), 0) || ':' || coalesce(max(g.reviewed_at)::text, '') FROM duplicate_groups g WHERE g.dataset_id = ${datasetId}),
      (SELECT count(*) FROM duplicate_members m JOIN duplicate_groups g ON g.id = m.group_id WHERE g.dataset_id = ${datasetId})) AS version`;
  return row?.version ?? "";
}

export interface StoredEvaluationSummary {
  dataset: string;
  dataVersion: string;
  models: number;
  protocols: number;
  ms: number;
}

/**
 * Computes a dataset's table and replaces its stored row. The version is read before the
 * computation reads anything: data that changes meanwhile makes the stored table look out of date
 * (and the change's follow-up job recomputes it), never the reverse.
 */
export async function storeEvaluation(
  db: Db,
  datasetSlug: string,
  options: Pick<EvaluateOptions, "signal" | "onProgress"> & { jobId?: number | null } = {},
): Promise<StoredEvaluationSummary> {
  const started = Date.now();
  const datasetId = await datasetIdOf(db, datasetSlug);
  const dataVersion = await evaluationDataVersion(db, datasetId);
  const models = await evaluateModels(db, datasetSlug, { signal: options.signal, onProgress: options.onProgress });
  options.signal?.throwIfAborted();
  const ms = Date.now() - started;
  const row = { dataVersion, models: models as unknown as object, jobId: options.jobId ?? null, ms, computedAt: new Date() };
  await db.evaluationResult.upsert({ where: { datasetId }, create: { datasetId, ...row }, update: row });
  return { dataset: datasetSlug, dataVersion, models: models.length, protocols: Object.keys(models[0]?.protocols ?? {}).length, ms };
}

export type StoredModels = ModelEvaluation[];
