import path from "node:path";
import type pg from "pg";
import { ImportError } from "@/lib/import/import-error";
import { replacePredictions, type SourceSpec } from "@/lib/import/load/sources";
import { classFolderOrder, rowLookup } from "@/lib/import/parsers/original-labels";
import { parsePredictionsCsv, parsePredictionsJsonl, parseTopkNpy } from "@/lib/import/parsers/predictions";
import type { PredictionRecord, VerdictRecord } from "@/lib/import/records";
import { MODEL_TITLES } from "@/lib/import/source-catalog";
import { type ImportContext, type ImportSummary, readInput, writeToDataset } from "@/lib/import/run/context";
import { requireTaxonomy } from "@/lib/import/run/taxonomy-imports";

export interface PredictionOptions {
  /** Source name; default "model:<file name without extension>". */
  name?: string;
  title?: string;
}

/**
 * Model predictions: `.npy` top-k arrays in class-folder order (ImageNetV2's models, cleanlab's
 * cross-validated top-1), or CSV / JSONL rows with scores.
 */
export async function importPredictions(ctx: ImportContext, file: string, options: PredictionOptions = {}): Promise<ImportSummary> {
  const model = path.basename(file).replace(/\.(npy|csv|jsonl|json)$/, "");
  const spec: SourceSpec = {
    name: options.name ?? `model:${model}`,
    kind: "MODEL",
    title: options.title ?? MODEL_TITLES[model] ?? model,
    citation: file.includes("imagenetv2") ? "Recht et al. Do ImageNet Classifiers Generalize to ImageNet? ICML 2019 (model outputs)" : "",
  };
  const buffer = await readInput(file);
  const counts = await writeToDataset(ctx, file, async (client, datasetId) => {
    const records = await parse(client, datasetId, file, buffer);
    return replacePredictions(client, datasetId, spec, records);
  });
  return { kind: "predictions", file, source: spec.name, stored: counts.stored, notInDataset: counts.notInDataset };
}

async function parse(client: pg.Client, datasetId: number, file: string, buffer: Buffer): Promise<PredictionRecord[]> {
  if (file.endsWith(".npy")) {
    const order = classFolderOrder(await originalLabels(client, datasetId, file));
    return parseTopkNpy(buffer, file, rowLookup(order));
  }
  const wnids = await requireTaxonomy(client, file);
  const text = buffer.toString("utf8");
  if (file.endsWith(".csv")) return parsePredictionsCsv(text, file, wnids);
  if (file.endsWith(".jsonl") || file.endsWith(".json")) return parsePredictionsJsonl(text, file, wnids);
  throw new ImportError(file, null, "Predictions come as .npy (top-k in class-folder order), .csv (file,class,score) or .jsonl.");
}

/** `.npy` rows follow class-folder order, which only the original labels of all 50,000 images define. */
async function originalLabels(client: pg.Client, datasetId: number, file: string): Promise<VerdictRecord[]> {
  const { rows } = await client.query<{ file_number: number; classes: number[] }>(
    `SELECT images.file_number, source_labels.classes FROM source_labels
     JOIN label_sources ON label_sources.id = source_labels.source_id AND label_sources.kind = 'ORIGINAL'
     JOIN images ON images.id = source_labels.image_id
     WHERE label_sources.dataset_id = $1`,
    [datasetId],
  );
  if (rows.length === 0) throw new ImportError(file, null, "Import the original labels first: .npy rows are in class-folder order, which they define.");
  return rows.map((row) => ({ fileNumber: row.file_number, status: "LABELED", classes: row.classes }));
}
