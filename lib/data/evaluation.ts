import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { type EvaluateOptions, evaluateModels, type ModelEvaluation } from "@/lib/evaluation/load-evaluation";
import { ranksByProtocol } from "@/lib/evaluation/evaluate-model";

export interface EvaluationTable {
  models: ModelEvaluation[];
  protocols: { protocol: string; title: string }[];
  /** protocol → model → rank by top-1 (1 = best). */
  ranks: Record<string, Record<string, number | null>>;
}

/** Every model under every protocol the dataset supports; cached per request (the page and its CSV share it). */
export const getEvaluationTable = cache(async (datasetSlug: string, options: EvaluateOptions = {}): Promise<EvaluationTable> => {
  const models = await evaluateModels(db, datasetSlug, options);
  const protocols = models[0] ? Object.values(models[0].protocols).map((p) => ({ protocol: p.protocol, title: p.title })) : [];
  return { models, protocols, ranks: ranksByProtocol(models.map((m) => ({ model: m.model, results: Object.values(m.protocols) }))) };
});
