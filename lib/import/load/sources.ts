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
  /** Target columns besides source_id and image_id, in the order `row` returns their values. */
  targetColumns: readonly string[];
  row(record: R): readonly CopyValue[];
}

/**
 * The dataset's validation images by file number. One indexed read replaces a temp table and a
 * join per source: COPY then writes straight into the target table, each row once.
 */
async function validationImageIds(client: pg.Client, datasetId: number): Promise<Map<number, number>> {
  const { rows } = await client.query<{ file_number: number; id: number }>(
    `SELECT file_number, id FROM images WHERE dataset_id = $1 AND split = 'VAL' AND file_number IS NOT NULL`,
    [datasetId],
  );
  return new Map(rows.map((row) => [row.file_number, row.id]));
}

/**
 * Replaces everything a source said about a dataset: upsert the source, delete its rows, COPY
 * the new ones attached to images by validation file number. Runs inside the caller's
 * transaction, so a failure anywhere keeps the old rows.
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
  const imageIds = await validationImageIds(client, datasetId);
  let stored = 0;
  function* rows(): Generator<readonly CopyValue[]> {
    for (const record of records) {
      const imageId = imageIds.get(record.fileNumber);
      if (imageId === undefined) continue;
      stored++;
      yield [sourceId, imageId, ...target.row(record)];
    }
  }
  await copyRows(client, target.table, ["source_id", "image_id", ...target.targetColumns], rows());
  return { sourceId, stored, notInDataset: records.length - stored };
}

const VERDICTS: TargetTable<VerdictRecord> = {
  table: "source_labels",
  targetColumns: ["status", "classes", "category", "manually_validated", "scores", "votes", "details"],
  row: (verdict) => [
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
  targetColumns: ["classes", "scores"],
  row: (prediction) => [prediction.classes, prediction.scores],
};

const HINTS: TargetTable<HintRecord> = {
  table: "image_hints",
  targetColumns: ["class_index", "category", "severity"],
  row: (hint) => [hint.classIndex, hint.category, hint.severity],
};

const EXPERT_DECISIONS: TargetTable<ExpertDecisionRecord> = {
  table: "decisions",
  targetColumns: ["classes", "ambiguity", "candidate_classes", "outside_labels", "notes", "updated_at"],
  row: (decision) => [
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
