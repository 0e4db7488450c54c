import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { type DuplicateGroupMembers, duplicateRemovals } from "@/lib/evaluation/duplicate-protocols";
import { evaluateModel, type ImageSlices, type ProtocolResult, type ProtocolTruths } from "@/lib/evaluation/evaluate-model";
import { cleanSetTruth, consensusSourceTruth, consensusTruth, multilabelTruth, originalTruth, realTruth, type StoredVerdict } from "@/lib/evaluation/protocols";
import { mergeClasses, type Truth } from "@/lib/evaluation/score";
import type { ConsensusStatus, DuplicateVerdict, Split, VerdictStatus } from "@/lib/generated/prisma/enums";

/**
 * What evaluation reads, in set-based queries: each protocol's verdicts once per dataset (shared
 * by every model), each model's predictions once. Kept beside the pure scoring (and free of
 * "server-only") so the CLI runs it too; lib/data/evaluation.ts binds it to the app's client.
 */

const STUDY_PROTOCOLS: Record<string, { title: string; top5: boolean; truth: (v: StoredVerdict) => Truth }> = {
  original: { title: "Original labels", top5: true, truth: originalTruth },
  real: { title: "ReaL", top5: false, truth: realTruth },
  multilabel: { title: "Multilabel (Shankar / Vasudevan)", top5: false, truth: multilabelTruth },
  "flaws-clean": { title: "Flaws of ImageNet clean set", top5: false, truth: cleanSetTruth },
};

/** Near-synonym groups in clusters.json carry relation code 5. */
export const NEAR_SYNONYM_CODE = 5;

export interface ModelSource {
  id: number;
  name: string;
  title: string;
  publishedK: number | null;
}

export interface ModelEvaluation {
  dataset: string;
  model: string;
  title: string;
  /** Images the model has a prediction for. */
  predictions: number;
  /** Predictions per image its file published; top-5 is null below 5. */
  publishedK: number | null;
  protocols: Record<string, ProtocolResult>;
}

export interface EvaluateOptions {
  /** Model names (with or without the "model:" prefix); all models when absent. */
  models?: string[];
  /** Protocol names; all available when absent. */
  protocols?: string[];
  /** An admin's merge map (groups of classes treated as one); the near-synonym groups when absent. */
  merge?: number[][];
  /** Checked between models, so a cancelled job stops within one model's scoring. */
  signal?: AbortSignal;
  /** After each model: how many of the chosen models are scored. */
  onProgress?: (done: number, total: number) => void;
}

export async function datasetIdOf(db: Db, slug: string): Promise<number> {
  const dataset = await db.dataset.findUnique({ where: { slug }, select: { id: true } });
  if (!dataset) throw new ExpectedError(`No dataset "${slug}". Import one with: npm run relabel -- import imagenet <folder>`);
  return dataset.id;
}

export async function listModels(db: Db, datasetId: number): Promise<ModelSource[]> {
  return db.labelSource.findMany({ where: { datasetId, kind: "MODEL" }, select: { id: true, name: true, title: true, publishedK: true }, orderBy: { name: "asc" } });
}

async function sourceTruths(db: Db, sourceId: number, truth: (v: StoredVerdict) => Truth): Promise<Map<number, Truth>> {
  const [row] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT string_agg(concat_ws('|', image_id, status::text, coalesce(array_to_string(classes, ','), ''),
             CASE WHEN jsonb_typeof(details->'unclearLabels') = 'array'
                  THEN coalesce((SELECT string_agg(value, ',') FROM jsonb_array_elements_text(details->'unclearLabels')), '') ELSE '-' END), ';') AS rows
    FROM source_labels WHERE source_id = ${sourceId}`;
  return new Map(
    decodeRows(row?.rows).map(([imageId, status, classes, unclear]) => [
      Number(imageId),
      truth({ status: status as VerdictStatus, classes: classList(classes), unclear: unclear === "-" ? undefined : classList(unclear) }),
    ]),
  );
}

async function consensusTruths(db: Db, datasetId: number, campaignId: number | null): Promise<Map<number, Truth>> {
  const [row] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT string_agg(concat_ws('|', c.image_id, c.status::text, coalesce(array_to_string(c.classes, ','), ''), CASE WHEN c.ambiguity IS NULL THEN 0 ELSE 1 END, coalesce(cardinality(c.outside_labels), 0)), ';') AS rows
    FROM consensus c JOIN images i ON i.id = c.image_id
    WHERE i.dataset_id = ${datasetId} AND c.campaign_id IS NOT DISTINCT FROM ${campaignId}::int`;
  return new Map(
    decodeRows(row?.rows).map(([imageId, status, classes, ambiguous, outside]) => [
      Number(imageId),
      consensusTruth({ status: status as ConsensusStatus, classes: classList(classes), ambiguous: ambiguous === "1", outsideLabels: Array.from({ length: Number(outside) }, () => "") }),
    ]),
  );
}

/*
 * Prisma decodes raw rows one by one, which costs ~50 µs a row; 50,000 images per protocol and
 * per model then take seconds. Each query therefore aggregates its rows into one delimited text
 * (`;` between rows, `|` between fields, `,` inside class lists — none can occur in the values;
 * every nullable field is coalesced, since concat_ws would skip a NULL and shift the fields).
 */
function decodeRows(text: string | null | undefined): string[][] {
  return text ? text.split(";").map((row) => row.split("|")) : [];
}

function classList(text: string | undefined): number[] {
  return text ? text.split(",").map(Number) : [];
}

/** Every protocol the dataset's data supports: the studies imported, CONSENSUS sources, dataset-wide and per-campaign consensus. */
export async function listProtocols(db: Db, datasetId: number): Promise<{ protocol: string; title: string }[]> {
  const [sources, campaigns, datasetWide] = await Promise.all([
    db.labelSource.findMany({ where: { datasetId, OR: [{ name: { in: Object.keys(STUDY_PROTOCOLS) } }, { kind: "CONSENSUS" }] }, select: { name: true, title: true, kind: true } }),
    db.campaign.findMany({ where: { datasetId, consensus: { some: {} } }, select: { id: true, name: true }, orderBy: { id: "asc" } }),
    db.consensus.count({ where: { campaignId: null, image: { datasetId } } }),
  ]);
  const studies = Object.keys(STUDY_PROTOCOLS).filter((name) => sources.some((s) => s.name === name)).map((name) => ({ protocol: name, title: STUDY_PROTOCOLS[name]!.title }));
  return [
    ...studies,
    ...sources.filter((s) => s.kind === "CONSENSUS").map((s) => ({ protocol: `consensus:${s.name}`, title: s.title })),
    ...(datasetWide > 0 ? [{ protocol: "consensus:dataset", title: "Relabel consensus (dataset-wide)" }] : []),
    ...campaigns.map((c) => ({ protocol: `campaign:${c.id}`, title: `Consensus of campaign “${c.name}”` })),
  ];
}

export async function loadProtocolTruths(db: Db, datasetId: number, wanted?: string[]): Promise<ProtocolTruths[]> {
  const available = await listProtocols(db, datasetId);
  const unknown = (wanted ?? []).filter((name) => !available.some((p) => p.protocol === name));
  if (unknown.length > 0) {
    throw new ExpectedError(`Unknown protocol ${unknown.map((n) => `"${n}"`).join(", ")}. Available here: ${available.map((p) => p.protocol).join(", ") || "none (import original labels or a study first)"}.`);
  }
  const chosen = wanted ? available.filter((p) => wanted.includes(p.protocol)) : available;
  const sources = await db.labelSource.findMany({ where: { datasetId }, select: { id: true, name: true } });
  const sourceId = (name: string) => sources.find((s) => s.name === name)!.id;
  return Promise.all(
    chosen.map(async ({ protocol, title }): Promise<ProtocolTruths> => {
      const study = STUDY_PROTOCOLS[protocol];
      if (study) return { protocol, title, top5: study.top5, truths: await sourceTruths(db, sourceId(protocol), study.truth) };
      if (protocol === "consensus:dataset") return { protocol, title, top5: false, truths: await consensusTruths(db, datasetId, null) };
      if (protocol.startsWith("campaign:")) return { protocol, title, top5: false, truths: await consensusTruths(db, datasetId, Number(protocol.slice(9))) };
      return { protocol, title, top5: false, truths: await sourceTruths(db, sourceId(protocol.slice("consensus:".length)), consensusSourceTruth) };
    }),
  );
}

export async function loadSlices(db: Db, datasetId: number, merge?: number[][]): Promise<ImageSlices> {
  const [problematic, duplicates, synonyms] = await Promise.all([
    db.$queryRaw<{ ids: number[] }[]>`
      SELECT coalesce(array_agg(l.image_id), '{}') AS ids FROM source_labels l
      JOIN label_sources s ON s.id = l.source_id AND s.dataset_id = ${datasetId} AND s.kind = 'ORIGINAL'
      WHERE l.classes && ARRAY(SELECT DISTINCT class_index FROM class_group_members)`,
    // One row per group with its members' ids and splits, in the same order.
    db.$queryRaw<{ kind: string; verdict: DuplicateVerdict | null; ids: number[]; splits: Split[] }[]>`
      SELECT g.kind, g.verdict, array_agg(m.image_id ORDER BY m.image_id) AS ids, array_agg(i.split::text ORDER BY m.image_id) AS splits
      FROM duplicate_groups g JOIN duplicate_members m ON m.group_id = g.id JOIN images i ON i.id = m.image_id
      WHERE g.dataset_id = ${datasetId} GROUP BY g.id`,
    merge ? Promise.resolve([]) : db.$queryRaw<{ classes: number[] }[]>`
      SELECT ARRAY(SELECT class_index FROM class_group_members WHERE group_id = g.id ORDER BY 1) AS classes
      FROM class_groups g WHERE ${NEAR_SYNONYM_CODE}::int = ANY(g.codes)`,
  ]);
  const groups: DuplicateGroupMembers[] = duplicates.map((g) => ({ kind: g.kind, verdict: g.verdict, members: g.ids.map((imageId, i) => ({ imageId, split: g.splits[i]! })) }));
  return {
    problematic: new Set(problematic[0]?.ids ?? []),
    duplicates: groups.length > 0 ? duplicateRemovals(groups) : null,
    merge: mergeClasses(merge ?? synonyms.map((r) => r.classes)),
  };
}

export async function loadPredictions(db: Db, sourceId: number): Promise<Map<number, number[]>> {
  const [row] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT string_agg(image_id || '|' || coalesce(array_to_string(classes[1:5], ','), ''), ';') AS rows FROM predictions WHERE source_id = ${sourceId}`;
  return new Map(decodeRows(row?.rows).map(([imageId, classes]) => [Number(imageId), classList(classes)]));
}

export function findModel(models: ModelSource[], name: string): ModelSource {
  const wanted = name.toLowerCase();
  const found = models.find((m) => m.name.toLowerCase() === wanted || m.name.toLowerCase() === `model:${wanted}` || m.title.toLowerCase() === wanted);
  if (!found) throw new ExpectedError(`Unknown model "${name}". Models here: ${models.map((m) => m.name.replace(/^model:/, "")).join(", ") || "none (import predictions first)"}.`);
  return found;
}

/** Every requested model under every requested protocol. */
export async function evaluateModels(db: Db, datasetSlug: string, options: EvaluateOptions = {}): Promise<ModelEvaluation[]> {
  const datasetId = await datasetIdOf(db, datasetSlug);
  const models = await listModels(db, datasetId);
  const chosen = options.models ? options.models.map((name) => findModel(models, name)) : models;
  const [protocols, slices] = await Promise.all([loadProtocolTruths(db, datasetId, options.protocols), loadSlices(db, datasetId, options.merge)]);
  const evaluations: ModelEvaluation[] = [];
  for (const model of chosen) {
    options.signal?.throwIfAborted();
    const predictions = await loadPredictions(db, model.id);
    const results = evaluateModel(predictions, protocols, slices, { publishedK: model.publishedK });
    evaluations.push({ dataset: datasetSlug, model: model.name.replace(/^model:/, ""), title: model.title, predictions: predictions.size, publishedK: model.publishedK, protocols: Object.fromEntries(results.map((r) => [r.protocol, r])) });
    options.onProgress?.(evaluations.length, chosen.length);
  }
  return evaluations;
}
