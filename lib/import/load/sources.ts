import type pg from "pg";
import type { ExpertDecisionRecord, HintRecord, PredictionRecord, VerdictRecord } from "@/lib/import/records";
import { type CopyValue, copyRows } from "@/lib/import/load/copy";

export type SourceKind = "ORIGINAL" | "STUDY" | "MODEL" | "EXPERT" | "CONSENSUS";

export interface SourceSpec {
  /** Stable machine name, unique per dataset: "original", "real", "northcutt", "model:resnet50". */
  name: string;
  kind: SourceKind;
  title: string;
  citation?: string;
  version?: string;
  url?: string;
  options?: Record<string, unknown>;
}

export interface LoadCounts {
  /** Rows stored, attached to an image of the dataset. */
  stored: number;
  /** Rows naming an image the dataset does not hold (e.g. the demo's 91-image subset). */
  notInDataset: number;
}

async function upsertSource(client: pg.Client, datasetId: number, spec: SourceSpec): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO label_sources (dataset_id, name, kind, title, citation, version, url, options, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (dataset_id, name) DO UPDATE SET
       kind = EXCLUDED.kind, title = EXCLUDED.title, citation = EXCLUDED.citation, version = EXCLUDED.version,
       url = EXCLUDED.url, options = EXCLUDED.options, imported_at = now()
     RETURNING id`,
    [datasetId, spec.name, spec.kind, spec.title, spec.citation ?? "", spec.version ?? "", spec.url ?? "", spec.options ?? {}],
  );
  return rows[0]!.id;
}

interface TargetTable<R> {
  table: string;
  /** Columns of the temporary table (file_number first) with their SQL types. */
  columns: readonly (readonly [name: string, type: string])[];
  row(record: R): readonly CopyValue[];
  /** Target columns besides source_id and image_id, filled from the same-named temp columns. */
  targetColumns: readonly string[];
}

/**
 * Replaces everything a source said about a dataset: upsert the source, delete its rows, COPY
 * the new ones into a temp table, join them to images by validation file number. Runs inside
 * the caller's transaction, so a failure anywhere keeps the old rows.
 */
async function replaceRows<R extends { fileNumber: number }>(
  client: pg.Client,
  datasetId: number,
  spec: SourceSpec,
  target: TargetTable<R>,
  records: readonly R[],
): Promise<LoadCounts & { sourceId: number }> {
  const sourceId = await upsertSource(client, datasetId, spec);
  await client.query(`DELETE FROM ${target.table} WHERE source_id = $1`, [sourceId]);
  await client.query(
    `CREATE TEMP TABLE incoming (${target.columns.map(([name, type]) => `"${name}" ${type}`).join(", ")}) ON COMMIT DROP`,
  );
  await copyRows(client, "incoming", target.columns.map(([name]) => name), records.map(target.row));
  const columns = target.targetColumns.map((column) => `"${column}"`).join(", ");
  const inserted = await client.query(
    `INSERT INTO ${target.table} (source_id, image_id, ${columns})
     SELECT $1, images.id, ${target.targetColumns.map((column) => `incoming."${column}"`).join(", ")}
     FROM incoming JOIN images ON images.dataset_id = $2 AND images.split = 'VAL' AND images.file_number = incoming.file_number`,
    [sourceId, datasetId],
  );
  await client.query("DROP TABLE incoming");
  const stored = inserted.rowCount ?? 0;
  return { sourceId, stored, notInDataset: records.length - stored };
}

const VERDICTS: TargetTable<VerdictRecord> = {
  table: "source_labels",
  columns: [
    ["file_number", "int"],
    ["status", `"VerdictStatus"`],
    ["classes", "int[]"],
    ["category", "text"],
    ["manually_validated", "boolean"],
    ["scores", "jsonb"],
    ["votes", "jsonb"],
    ["details", "jsonb"],
  ],
  targetColumns: ["status", "classes", "category", "manually_validated", "scores", "votes", "details"],
  row: (verdict) => [
    verdict.fileNumber,
    verdict.status,
    verdict.classes,
    verdict.category ?? null,
    verdict.manuallyValidated ?? null,
    verdict.scores ?? null,
    verdict.votes ?? null,
    verdict.details ?? null,
  ],
};

const PREDICTIONS: TargetTable<PredictionRecord> = {
  table: "predictions",
  columns: [["file_number", "int"], ["classes", "int[]"], ["scores", "double precision[]"]],
  targetColumns: ["classes", "scores"],
  row: (prediction) => [prediction.fileNumber, prediction.classes, prediction.scores],
};

const HINTS: TargetTable<HintRecord> = {
  table: "image_hints",
  columns: [["file_number", "int"], ["class_index", "int"], ["category", "text"], ["severity", "text"]],
  targetColumns: ["class_index", "category", "severity"],
  row: (hint) => [hint.fileNumber, hint.classIndex, hint.category, hint.severity],
};

const EXPERT_DECISIONS: TargetTable<ExpertDecisionRecord> = {
  table: "decisions",
  columns: [
    ["file_number", "int"],
    ["classes", "int[]"],
    ["ambiguity", `"AmbiguityReason"`],
    ["candidate_classes", "int[]"],
    ["outside_labels", "text[]"],
    ["notes", "text"],
    ["updated_at", "timestamp(3)"],
  ],
  targetColumns: ["classes", "ambiguity", "candidate_classes", "outside_labels", "notes", "updated_at"],
  row: (decision) => [
    decision.fileNumber,
    decision.classes,
    decision.ambiguity,
    decision.candidateClasses,
    decision.outsideLabels,
    decision.notes,
    new Date().toISOString(),
  ],
};

export const replaceVerdicts = (client: pg.Client, datasetId: number, spec: SourceSpec, records: readonly VerdictRecord[]) =>
  replaceRows(client, datasetId, spec, VERDICTS, records);
export const replacePredictions = (client: pg.Client, datasetId: number, spec: SourceSpec, records: readonly PredictionRecord[]) =>
  replaceRows(client, datasetId, spec, PREDICTIONS, records);
export const replaceHints = (client: pg.Client, datasetId: number, spec: SourceSpec, records: readonly HintRecord[]) =>
  replaceRows(client, datasetId, spec, HINTS, records);
export const replaceExpertDecisions = (client: pg.Client, datasetId: number, spec: SourceSpec, records: readonly ExpertDecisionRecord[]) =>
  replaceRows(client, datasetId, spec, EXPERT_DECISIONS, records);
