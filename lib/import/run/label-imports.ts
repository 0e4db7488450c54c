import { upsertDataset } from "@/lib/import/load/catalog";
import type { ImageRow } from "@/lib/import/load/images";
import { upsertImages } from "@/lib/import/load/images";
import { replaceVerdicts } from "@/lib/import/load/sources";
import { parseFileClassCsv, parseOriginalValidationJson } from "@/lib/import/parsers/original-labels";
import { parseRealJson, parseRealScoresNpz, withRealScores } from "@/lib/import/parsers/real";
import { KNOWN_SOURCES } from "@/lib/import/source-catalog";
import { type ImportContext, type ImportSummary, readInput, readText, transaction, writeToDataset } from "@/lib/import/run/context";
import { requireTaxonomy } from "@/lib/import/run/taxonomy-imports";

const validationFileName = (fileNumber: number) => `ILSVRC2012_val_${String(fileNumber).padStart(8, "0")}.JPEG`;

/**
 * The original labels define the validation set: this creates the dataset (if needed) and one
 * image row per labeled file, whether or not its pixels are available yet.
 */
export async function importOriginalLabels(ctx: ImportContext, file: string): Promise<ImportSummary> {
  const text = await readText(file);
  return transaction(ctx, async (client) => {
    const wnids = await requireTaxonomy(client, file);
    const records = file.endsWith(".csv") ? parseFileClassCsv(text, file, wnids) : parseOriginalValidationJson(text, file, wnids);
    ctx.signal?.throwIfAborted();
    const datasetId = await upsertDataset(client, { slug: ctx.dataset, name: "ImageNet-1k validation" });
    const images: ImageRow[] = records.map((record) => ({
      fileKey: validationFileName(record.fileNumber),
      split: "VAL",
      fileNumber: record.fileNumber,
      storagePath: validationFileName(record.fileNumber),
      width: null,
      height: null,
      bytes: null,
      contentHash: null,
    }));
    await upsertImages(client, datasetId, images);
    const counts = await replaceVerdicts(client, datasetId, KNOWN_SOURCES.original, records);
    return { kind: "original", file, source: KNOWN_SOURCES.original.name, stored: counts.stored, notInDataset: counts.notInDataset };
  });
}

/** ReaL labels, with the Dawid-Skene scores of the human-rated images when scores.npz is given. */
export async function importReal(ctx: ImportContext, file: string, scoresFile?: string): Promise<ImportSummary> {
  let records = parseRealJson(await readText(file), file);
  if (scoresFile) records = withRealScores(records, parseRealScoresNpz(await readInput(scoresFile), scoresFile));
  const counts = await writeToDataset(ctx, file, (client, datasetId) =>
    replaceVerdicts(client, datasetId, { ...KNOWN_SOURCES.real, options: { scores: Boolean(scoresFile) } }, records),
  );
  return { kind: "real", file, source: KNOWN_SOURCES.real.name, stored: counts.stored, notInDataset: counts.notInDataset };
}
