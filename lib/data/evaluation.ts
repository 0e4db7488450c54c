import "server-only";
import { cache } from "react";
import { findLatestJob, type JobRow } from "@/lib/data/jobs";
import { db } from "@/lib/db";
import { evaluationDedupKey } from "@/lib/evaluation/evaluation-job";
import { ranksByProtocol } from "@/lib/evaluation/evaluate-model";
import type { ModelEvaluation } from "@/lib/evaluation/load-evaluation";
import { evaluationDataVersion } from "@/lib/evaluation/stored-evaluation";

export interface EvaluationTable {
  models: ModelEvaluation[];
  protocols: { protocol: string; title: string }[];
  /** protocol → model → rank by top-1 (1 = best). */
  ranks: Record<string, Record<string, number | null>>;
}

export interface EvaluationState {
  /** The last stored table; null before the first computation. */
  table: EvaluationTable | null;
  computedAt: Date | null;
  /** The stored table was computed from the data as it is now. */
  current: boolean;
  /** The dataset's latest evaluation job: the one running or waiting, else the last one. */
  job: JobRow | null;
}

function tableOf(models: ModelEvaluation[]): EvaluationTable {
  const protocols = models[0] ? Object.values(models[0].protocols).map((p) => ({ protocol: p.protocol, title: p.title })) : [];
  return { models, protocols, ranks: ranksByProtocol(models.map((m) => ({ model: m.model, results: Object.values(m.protocols) }))) };
}

/**
 * The stored table (computed by the "evaluation" job, never here) and whether it is out of date;
 * null when the dataset does not exist. The page and its CSV share it.
 */
export const getEvaluation = cache(async (datasetSlug: string): Promise<EvaluationState | null> => {
  const dataset = await db.dataset.findUnique({ where: { slug: datasetSlug }, select: { id: true, evaluation: { select: { dataVersion: true, models: true, computedAt: true } } } });
  if (!dataset) return null;
  const [version, job] = await Promise.all([evaluationDataVersion(db, dataset.id), findLatestJob(evaluationDedupKey(datasetSlug))]);
  const stored = dataset.evaluation;
  return {
    table: stored ? tableOf(stored.models as unknown as ModelEvaluation[]) : null,
    computedAt: stored?.computedAt ?? null,
    current: stored?.dataVersion === version,
    job,
  };
});

/** The last stored table (out of date or not), for the CSV downloads; null before the first computation. */
export async function getEvaluationTable(datasetSlug: string): Promise<EvaluationTable | null> {
  return (await getEvaluation(datasetSlug))?.table ?? null;
}
