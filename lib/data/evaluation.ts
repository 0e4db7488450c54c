import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { ranksByProtocol } from "@/lib/evaluation/evaluate-model";
import { evaluateModels, type ModelEvaluation } from "@/lib/evaluation/load-evaluation";

export interface EvaluationTable {
  models: ModelEvaluation[];
  protocols: { protocol: string; title: string }[];
  /** protocol → model → rank by top-1 (1 = best). */
  ranks: Record<string, Record<string, number | null>>;
}

/*
 * Scoring every model on 50,000 images takes seconds, and the figures change only when data
 * does. Results are kept in memory under a key that changes with every import (sources'
 * import times), consensus change, class-group or duplicate import, so a stale table is never
 * served; a few keys at most, since only the latest matters.
 */
const tables = new Map<string, Promise<EvaluationTable>>();

async function dataVersion(datasetSlug: string): Promise<string> {
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('/',
      (SELECT count(*) || ':' || coalesce(max(s.imported_at)::text, '') FROM label_sources s JOIN datasets d ON d.id = s.dataset_id WHERE d.slug = ${datasetSlug}),
      (SELECT count(*) || ':' || coalesce(max(c.updated_at)::text, '') FROM consensus c JOIN images i ON i.id = c.image_id JOIN datasets d ON d.id = i.dataset_id WHERE d.slug = ${datasetSlug}),
      (SELECT count(*) FROM class_group_members),
      (SELECT count(*) FROM duplicate_members)) AS version`;
  return `${datasetSlug}@${row?.version ?? ""}`;
}

async function computeTable(datasetSlug: string): Promise<EvaluationTable> {
  const models = await evaluateModels(db, datasetSlug);
  const protocols = models[0] ? Object.values(models[0].protocols).map((p) => ({ protocol: p.protocol, title: p.title })) : [];
  return { models, protocols, ranks: ranksByProtocol(models.map((m) => ({ model: m.model, results: Object.values(m.protocols) }))) };
}

/** Every model under every protocol the dataset supports (the page and its CSV share it). */
export const getEvaluationTable = cache(async (datasetSlug: string): Promise<EvaluationTable> => {
  const key = await dataVersion(datasetSlug);
  let table = tables.get(key);
  if (!table) {
    table = computeTable(datasetSlug);
    tables.set(key, table);
    // A failed computation must not stick.
    table.catch(() => tables.delete(key));
    while (tables.size > 4) tables.delete(tables.keys().next().value!);
  }
  return table;
});
