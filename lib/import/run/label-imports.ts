import { ImportError } from "@/lib/import/import-error";
import { upsertDataset } from "@/lib/import/load/catalog";
import { mapRows } from "@/lib/import/load/copy";
import type { ImageRow } from "@/lib/import/load/images";
import { upsertImages } from "@/lib/import/load/images";
import { replaceVerdicts } from "@/lib/import/load/sources";
import { imageKey } from "@/lib/import/parsers/identifiers";
import { parseImageFileName } from "@/lib/import/parsers/image-files";
import { parseOriginalValidationJson, readFileClassCsv } from "@/lib/import/parsers/original-labels";
import type { VerdictRecord } from "@/lib/import/records";
import { parseRealJson, parseRealScoresNpz, withRealScores } from "@/lib/import/parsers/real";
import { KNOWN_SOURCES } from "@/lib/import/source-catalog";
import { checkReadable, type ImportContext, type ImportSummary, readInput, readLines, readText, transaction, writeToDataset } from "@/lib/import/run/context";
import { requireTaxonomy } from "@/lib/import/run/taxonomy-imports";

const SPLITS = { val: "VAL", test: "TEST", train: "TRAIN", sample: "TRAIN" } as const;

/**
 * The image row a labeled file stands for, in ImageNet's own layout (training images in
 * per-class folders, validation and test flat) until an image-folder import says where it is.
 */
function imageOf(record: VerdictRecord, file: string): ImageRow {
  const fileKey = imageKey(record);
  const identity = parseImageFileName(fileKey);
  if (record.fileNumber === undefined && (!identity || identity.split === "derived")) {
    throw new ImportError(file, null, `${fileKey} is not an ImageNet file name, so its split is unknown: name training images <wnid>_<n>.JPEG and test images ILSVRC2012_test_<8 digits>.JPEG.`);
  }
  const split = identity && identity.split !== "derived" ? SPLITS[identity.split] : "VAL";
  return {
    fileKey,
    split,
    fileNumber: identity?.split === "val" || identity?.split === "test" ? identity.fileNumber : null,
    storagePath: identity?.split === "train" ? `${identity.wnid}/${fileKey}` : fileKey,
    width: null,
    height: null,
    bytes: null,
    contentHash: null,
  };
}

/**
 * The original labels define the dataset's images (of any split): this creates the dataset (if
 * needed) and one image row per labeled file, whether or not its pixels are available yet.
 */
export async function importOriginalLabels(ctx: ImportContext, file: string): Promise<ImportSummary> {
  // A CSV (any split: ImageNet's 1.33M training and validation labels) is read twice as a stream,
  // once for the images and once for their labels, instead of held whole; the JSON lists 50,000.
  const csv = file.endsWith(".csv");
  const text = csv ? await checkReadable(file).then(() => "") : await readText(file);
  return transaction(ctx, async (client) => {
    const wnids = await requireTaxonomy(client, file);
    const parsed = csv ? null : parseOriginalValidationJson(text, file, wnids);
    const read = (): Iterable<VerdictRecord> => parsed ?? readFileClassCsv(readLines(file), file, wnids);
    ctx.signal?.throwIfAborted();
    const datasetId = await upsertDataset(client, { slug: ctx.dataset, name: "ImageNet-1k validation" });
    await upsertImages(client, datasetId, mapRows(read(), (record) => imageOf(record, file)));
    ctx.signal?.throwIfAborted();
    const counts = await replaceVerdicts(client, datasetId, KNOWN_SOURCES.original, read());
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
