import type pg from "pg";
import type { SourceKind } from "@/lib/generated/prisma/enums";
import { copyReferencing, lockForBulkLoad, type Reference, writeReferencing } from "@/lib/import/load/bulk";
import { imagesFingerprint, readOnce } from "@/lib/import/load/bundle-reads";
import { analyzeAfterBulkWrite, copyLines, encodeNumbers, encodeValue as value, mapRows } from "@/lib/import/load/copy";
import { imageKey, VALIDATION_IMAGE_COUNT, validationFileName, validationFileNumber } from "@/lib/import/parsers/identifiers";
import type { ExpertDecisionRecord, HintRecord, ImageRef, PredictionRecord, VerdictRecord } from "@/lib/import/records";


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
  /** Target columns besides source_id and image_id, in the order `encode` writes them. */
  targetColumns: readonly string[];
  /** Those columns of one COPY line, tab-separated: written directly, without an array of values per row. */
  encode(record: R): string;
}

/** The dataset's image ids by file key, and the validation images' also by file number. */
interface ImageIds {
  byKey: Map<string, number>;
  /** byNumber[n] is the id of ILSVRC2012_val_<n, 8 digits>.JPEG: the val-only formats look up a number, not a name built per row. */
  byNumber: number[];
}

const idOf = (ids: ImageIds, ref: ImageRef) => (ref.fileKey === undefined ? ids.byNumber[ref.fileNumber] : ids.byKey.get(ref.fileKey));

/**
 * The dataset's images, read once per source: COPY then writes straight into the target table,
 * each row once. Records of the val-only formats only need the validation split.
 */
async function imageIdsByKey(client: pg.Client, datasetId: number, validationOnly: boolean): Promise<ImageIds> {
  return readOnce(client, `image-ids:${datasetId}:${validationOnly}`, () => imagesFingerprint(client, datasetId), async () => {
    const { rows } = await client.query<{ file_key: string; id: number }>(
      `SELECT file_key, id FROM images WHERE dataset_id = $1 ${validationOnly ? "AND split = 'VAL'" : ""}`,
      [datasetId],
    );
    const ids: ImageIds = { byKey: new Map(), byNumber: new Array<number>(VALIDATION_IMAGE_COUNT + 1) };
    for (const row of rows) {
      ids.byKey.set(row.file_key, row.id);
      // The exact inverse of imageKey's validationFileName, so both lookups find the same image.
      const fileNumber = validationFileNumber(row.file_key);
      if (fileNumber !== null && row.file_key === validationFileName(fileNumber)) ids.byNumber[fileNumber] = row.id;
    }
    return ids;
  });
}

// The source row was upserted (and so row-locked) by this transaction, and the image ids are checked
// by the table's own source_rows_in_dataset trigger, which fires also without RI triggers: no second pass.
const REFERENCES: readonly Reference[] = [];

/**
 * Replaces everything a source said about a dataset: upsert the source, delete its rows, COPY
 * the new ones attached to images by file key. Runs inside the caller's transaction, so a
 * failure anywhere keeps the old rows.
 */
async function replaceRows<R extends ImageRef>(
  client: pg.Client,
  datasetId: number,
  spec: SourceSpec,
  target: TargetTable<R>,
  records: Iterable<R>,
): Promise<LoadCounts & { sourceId: number }> {
  const bulk = await lockForBulkLoad(client);
  const sourceId = await upsertSource(client, datasetId, spec);
  await client.query(`DELETE FROM ${target.table} WHERE source_id = $1`, [sourceId]);
  const write = { client, bulk, datasetId, sourceId };
  const counts = Array.isArray(records) ? await copyResolved(write, target, records) : await copyStaged(write, target, records);
  return { sourceId, ...counts };
}

const sourceScope = (sourceId: number) => ({ where: "t.source_id = $1", params: [sourceId] });

/** The transaction writing one source's rows: its client, whether it loads without triggers (lockForBulkLoad), the dataset and the source. */
interface SourceWrite {
  client: pg.Client;
  bulk: boolean;
  datasetId: number;
  sourceId: number;
}

/** Records read whole (a study of the 50,000 validation images): their image ids from a map the bundle's steps share. */
async function copyResolved<R extends ImageRef>({ client, bulk, datasetId, sourceId }: SourceWrite, target: TargetTable<R>, records: readonly R[]): Promise<LoadCounts> {
  const validationOnly = records.every((record) => record.fileNumber !== undefined);
  const imageIds = await imageIdsByKey(client, datasetId, validationOnly);
  let stored = 0;
  function* lines(): Generator<string> {
    for (const record of records) {
      const imageId = idOf(imageIds, record);
      if (imageId === undefined) continue;
      stored++;
      yield `${sourceId}\t${imageId}\t${target.encode(record)}`;
    }
  }
  await copyReferencing(client, bulk, target.table, ["source_id", "image_id", ...target.targetColumns], lines(), REFERENCES, sourceScope(sourceId));
  return { stored, notInDataset: records.length - stored };
}

/**
 * Records still being read (CSV or JSON Lines of any split, 1.43M images per model at ImageNet's
 * size) are resolved in SQL: copied by file key into a temporary table and joined to the images
 * there, so the importer never holds an id per image (that map and the query rows behind it were
 * most of its peak memory).
 */
async function copyStaged<R extends ImageRef>({ client, bulk, datasetId, sourceId }: SourceWrite, target: TargetTable<R>, records: Iterable<R>): Promise<LoadCounts> {
  const staged = `staged_${target.table}`;
  const columns = target.targetColumns.map((column) => `"${column}"`).join(", ");
  await client.query(`CREATE TEMP TABLE ${staged} ON COMMIT DROP AS SELECT NULL::text AS file_key, ${columns} FROM ${target.table} WITH NO DATA`);
  let read = 0;
  function* lines(): Generator<string> {
    for (const record of records) {
      read++;
      yield `${value(imageKey(record))}\t${target.encode(record)}`;
    }
  }
  await copyLines(client, staged, ["file_key", ...target.targetColumns], lines());
  let stored = 0;
  await writeReferencing(client, bulk, target.table, async () => {
    const inserted = await client.query(
      `INSERT INTO ${target.table} (source_id, image_id, ${columns})
       SELECT $1, images.id, ${target.targetColumns.map((column) => `s."${column}"`).join(", ")}
       FROM ${staged} s JOIN images ON images.dataset_id = $2 AND images.file_key = s.file_key`,
      [sourceId, datasetId],
    );
    stored = inserted.rowCount ?? 0;
  }, REFERENCES, sourceScope(sourceId));
  // Dropped now, not at commit: a dry run's later steps stage into the same name.
  await client.query(`DROP TABLE ${staged}`);
  await analyzeAfterBulkWrite(client, target.table, stored);
  return { stored, notInDataset: read - stored };
}

const VERDICTS: TargetTable<VerdictRecord> = {
  table: "source_labels",
  targetColumns: ["status", "classes", "category", "manually_validated", "scores", "votes", "details"],
  encode: (verdict) =>
    `${verdict.status}\t${encodeNumbers(verdict.classes)}\t${value(verdict.category ?? null)}\t${value(verdict.manuallyValidated ?? null)}\t` +
    `${value(verdict.scores ?? null)}\t${value(verdict.votes ?? null)}\t${value(verdict.details ?? null)}`,
};

const PREDICTIONS: TargetTable<PredictionRecord> = {
  table: "predictions",
  targetColumns: ["classes", "scores"],
  encode: (prediction) => `${encodeNumbers(prediction.classes)}\t${value(prediction.scores)}`,
};

const HINTS: TargetTable<HintRecord> = {
  table: "image_hints",
  targetColumns: ["class_index", "category", "severity"],
  encode: (hint) => `${value(hint.classIndex)}\t${value(hint.category)}\t${value(hint.severity)}`,
};

const EXPERT_DECISIONS: TargetTable<ExpertDecisionRecord> = {
  table: "decisions",
  targetColumns: ["classes", "ambiguity", "candidate_classes", "outside_labels", "notes", "updated_at"],
  encode: (decision) =>
    [decision.classes, decision.ambiguity, decision.candidateClasses, decision.outsideLabels, decision.notes, new Date().toISOString()].map(value).join("\t"),
};

export const replaceVerdicts = (client: pg.Client, datasetId: number, spec: SourceSpec, records: Iterable<VerdictRecord>) =>
  replaceRows(client, datasetId, spec, VERDICTS, records);
/** Also records how many predictions per image the file published, so a top-1 file shows no top-5. */
export async function replacePredictions(client: pg.Client, datasetId: number, spec: SourceSpec, records: Iterable<PredictionRecord>) {
  let publishedK = 0;
  const measure = (record: PredictionRecord) => { publishedK = Math.max(publishedK, record.classes.length); };
  // An array is measured up front, so replaceRows still sees an array (and may read only the validation images).
  if (Array.isArray(records)) records.forEach(measure);
  const counts = await replaceRows(client, datasetId, spec, PREDICTIONS, Array.isArray(records) ? records : mapRows(records, (record) => (measure(record), record)));
  await client.query(`UPDATE label_sources SET published_k = $2 WHERE id = $1`, [counts.sourceId, publishedK || null]);
  return counts;
}
export const replaceHints = (client: pg.Client, datasetId: number, spec: SourceSpec, records: readonly HintRecord[]) =>
  replaceRows(client, datasetId, spec, HINTS, records);
export const replaceExpertDecisions = (client: pg.Client, datasetId: number, spec: SourceSpec, records: readonly ExpertDecisionRecord[]) =>
  replaceRows(client, datasetId, spec, EXPERT_DECISIONS, records);
