import path from "node:path";
import type pg from "pg";
import { ImportError } from "@/lib/import/import-error";
import { imagesFingerprint, readOnce } from "@/lib/import/load/bundle-reads";
import { replacePredictions, type SourceSpec } from "@/lib/import/load/sources";
import type { Split } from "@/lib/generated/prisma/enums";
import { readNpy } from "@/lib/import/parsers/npy";
import { folderOrder, type OrderedImage, rowLookup } from "@/lib/import/parsers/original-labels";
import { npyRowOrder, parsePredictionsCsv, parseTopkNpy, readPredictionsJsonl, topkNpyRows } from "@/lib/import/parsers/predictions";
import type { ImageRef, PredictionRecord } from "@/lib/import/records";
import { MODEL_TITLES } from "@/lib/import/source-catalog";
import { checkReadable, type ImportContext, type ImportSummary, readInput, readLines, writeToDataset } from "@/lib/import/run/context";
import { requireTaxonomy } from "@/lib/import/run/taxonomy-imports";

export interface PredictionOptions {
  /** Source name; default "model:<file name without extension>". */
  name?: string;
  title?: string;
}

/**
 * Model predictions: `.npy` top-k arrays in one split's class-folder order (ImageNetV2's models,
 * cleanlab's cross-validated top-1; training-set predictions the same way), or CSV / JSONL rows
 * with scores, which name their images.
 */
export async function importPredictions(ctx: ImportContext, file: string, options: PredictionOptions = {}): Promise<ImportSummary> {
  const model = path.basename(file).replace(/\.(npy|csv|jsonl|json)$/, "");
  const spec: SourceSpec = {
    name: options.name ?? `model:${model}`,
    kind: "MODEL",
    title: options.title ?? MODEL_TITLES[model] ?? model,
    citation: file.includes("imagenetv2") ? "Recht et al. Do ImageNet Classifiers Generalize to ImageNet? ICML 2019 (model outputs)" : "",
  };
  // JSON Lines are read as they are copied (ImageNet's 1.43M images per model); the other formats whole.
  const buffer = isJsonl(file) ? await checkReadable(file).then(() => null) : await readInput(file);
  const counts = await writeToDataset(ctx, file, async (client, datasetId) => {
    const records = buffer ? await parse(client, datasetId, file, buffer) : readPredictionsJsonl(readLines(file), file, await requireTaxonomy(client, file));
    const counts = await replacePredictions(client, datasetId, spec, records);
    const read = counts.stored + counts.notInDataset;
    // Thrown inside the transaction, so a file for another dataset leaves no empty model behind.
    if (counts.stored === 0 && read > 0) {
      throw new ImportError(file, null, `None of the ${read.toLocaleString("en")} predictions names an image of dataset "${ctx.dataset}" (its validation images by file number); is this the right dataset?`);
    }
    return counts;
  });
  return { kind: "predictions", file, source: spec.name, stored: counts.stored, notInDataset: counts.notInDataset };
}

const isJsonl = (file: string) => file.endsWith(".jsonl") || file.endsWith(".json");

async function parse(client: pg.Client, datasetId: number, file: string, buffer: Buffer): Promise<PredictionRecord[]> {
  if (file.endsWith(".npy")) {
    const orders = await readOnce(client, `split-orders:${datasetId}`, () => originalFingerprint(client, datasetId), () => splitOrders(client, datasetId, file));
    const order = npyRowOrder(orders, topkNpyRows(readNpy(buffer, file), file), file);
    return parseTopkNpy(buffer, file, rowLookup(order), order.length);
  }
  const wnids = await requireTaxonomy(client, file);
  const text = buffer.toString("utf8");
  if (file.endsWith(".csv")) return parsePredictionsCsv(text, file, wnids);
  throw new ImportError(file, null, "Predictions come as .npy (top-k in class-folder order), .csv (file,class,score) or .jsonl.");
}

/** The original labels' sources (a re-import renews imported_at) and the images they name. */
async function originalFingerprint(client: pg.Client, datasetId: number): Promise<string> {
  const { rows } = await client.query<{ sources: string }>(
    `SELECT coalesce(string_agg(id || '@' || imported_at, ',' ORDER BY id), '') AS sources FROM label_sources WHERE dataset_id = $1 AND kind = 'ORIGINAL'`,
    [datasetId],
  );
  return `${rows[0]!.sources}/${await imagesFingerprint(client, datasetId)}`;
}

/**
 * The row order of each split's `.npy` files. A training or validation split's rows are its class
 * folders, which only original labels define (validation images without one — derived copies —
 * have no folder, and a split without any labels has no order); a test split has no labels and
 * lists its files by name. Validation images are named by file number, the rest by file name.
 */
async function splitOrders(client: pg.Client, datasetId: number, file: string): Promise<{ split: Split; rows: ImageRef[] }[]> {
  const { rows } = await client.query<{ split: Split; file_key: string; file_number: number | null; classes: number[] | null }>(
    `SELECT images.split, images.file_key, images.file_number, original.classes FROM images
     LEFT JOIN (source_labels original JOIN label_sources ON label_sources.id = original.source_id AND label_sources.kind = 'ORIGINAL')
       ON original.image_id = images.id
     WHERE images.dataset_id = $1`,
    [datasetId],
  );
  const bySplit = new Map<Split, OrderedImage[]>();
  for (const row of rows) {
    const folder = row.split === "TEST" ? null : row.classes;
    if (row.split !== "TEST" && folder === null) continue;
    if (folder !== null && folder.length !== 1) {
      throw new ImportError(file, null, `Image ${row.file_key} has ${folder.length} original labels; .npy rows follow class folders, which need exactly one (use .csv or .jsonl).`);
    }
    const ref: ImageRef = row.split === "VAL" && row.file_number !== null ? { fileNumber: row.file_number } : { fileKey: row.file_key };
    let images = bySplit.get(row.split);
    if (!images) bySplit.set(row.split, (images = []));
    images.push({ ref, original: folder?.[0] ?? null });
  }
  if (bySplit.size === 0) {
    throw new ImportError(file, null, "Import the images' original labels first: .npy rows are a split's images in class-folder order, which those labels define (.csv and .jsonl name their images and need no order).");
  }
  const splits: Split[] = ["VAL", "TRAIN", "TEST"];
  return splits.flatMap((split) => (bySplit.has(split) ? [{ split, rows: folderOrder(bySplit.get(split)!) }] : []));
}
