import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ImportError } from "@/lib/import/import-error";
import { upsertDataset } from "@/lib/import/load/catalog";
import { type ImageRow, upsertImages } from "@/lib/import/load/images";
import { parseImageFileName, readImageInfo } from "@/lib/import/parsers/image-files";
import { type ImportContext, type ImportSummary, readInput, transaction } from "@/lib/import/run/context";

const SPLITS = { val: "VAL", test: "TEST", train: "TRAIN", sample: "TRAIN" } as const;
const IMAGE_EXTENSION = /\.(jpe?g|png|webp)$/i;

export interface ImageFolderOptions {
  /**
   * Read every file to record its dimensions and sha256 (default). Off, only names and sizes are
   * recorded: fast on a million files, and the viewer reads dimensions from the pixels it loads.
   */
  inspect?: boolean;
  /** Display name of the dataset when this import creates it. */
  datasetName?: string;
}

/**
 * A folder in a standard ImageNet layout: flat (`val/ILSVRC2012_val_*.JPEG`) or one folder per
 * class (`val/n01440764/ILSVRC2012_val_*.JPEG`, `train/n01440764/n01440764_10026.JPEG`).
 * The folder becomes the dataset's image root; image keys are stored relative to it.
 */
export async function importImageFolder(ctx: ImportContext, folder: string, options: ImageFolderOptions = {}): Promise<ImportSummary> {
  // A listing (`.txt`, one path per line, relative to the listing's folder) stands for a folder
  // too large to walk or kept elsewhere, such as a bucket listing of 1.43M files.
  const listing = folder.endsWith(".txt");
  const root = path.resolve(listing ? path.dirname(folder) : folder);
  const files = listing ? await listFromFile(folder) : await listImageFiles(root);
  if (files.length === 0) throw new ImportError(folder, null, "No image files (.JPEG, .jpg, .png, .webp) in this folder.");
  const rows: ImageRow[] = [];
  for (const [position, relative] of files.entries()) {
    ctx.signal?.throwIfAborted();
    const name = path.basename(relative);
    const identity = parseImageFileName(name);
    if (!identity) throw new ImportError(path.join(folder, relative), null, "Not an ImageNet file name (ILSVRC2012_val_00000001.JPEG or n01440764_10026.JPEG).");
    const info = options.inspect === false ? null : readImageInfo(await readInput(path.join(root, relative)), path.join(folder, relative));
    // A derived copy sits in its original's split but takes no number: the number names the original.
    const split = identity.split === "derived" ? SPLITS[identity.of.split] : SPLITS[identity.split];
    rows.push({
      fileKey: name,
      split,
      // Only validation and test numbers identify an image across files; training numbers restart per class.
      fileNumber: identity.split === "val" || identity.split === "test" ? identity.fileNumber : null,
      storagePath: relative,
      width: info?.width ?? null,
      height: info?.height ?? null,
      bytes: info?.bytes ?? (listing ? null : (await stat(path.join(root, relative))).size),
      contentHash: info?.sha256 ?? null,
    });
    if (position % 500 === 499) ctx.onProgress?.(`read ${position + 1} of ${files.length} images`);
  }
  const stored = await transaction(ctx, async (client) => {
    const datasetId = await upsertDataset(client, { slug: ctx.dataset, name: options.datasetName ?? "ImageNet-1k validation", imageRoot: root });
    await client.query("UPDATE datasets SET image_root = $2, url_template = NULL WHERE id = $1", [datasetId, root]);
    return upsertImages(client, datasetId, rows);
  });
  return { kind: "images", file: folder, stored };
}

/** Serve images from object storage or a CDN: `https://host/val/{file}`. */
export async function setImageUrlTemplate(ctx: ImportContext, template: string): Promise<ImportSummary> {
  let url: URL;
  try {
    url = new URL(template.replace("{file}", "x"));
  } catch {
    throw new ImportError(template, null, "Not a URL.");
  }
  if (!template.includes("{file}") || !["http:", "https:"].includes(url.protocol)) {
    throw new ImportError(template, null, "A URL template is an http(s) URL containing {file}, e.g. https://host/val/{file}.");
  }
  await transaction(ctx, async (client) => {
    const datasetId = await upsertDataset(client, { slug: ctx.dataset, name: "ImageNet-1k validation" });
    await client.query("UPDATE datasets SET url_template = $2, image_root = NULL WHERE id = $1", [datasetId, template]);
  });
  return { kind: "images", file: template, stored: 0 };
}

async function listFromFile(file: string): Promise<string[]> {
  const lines = (await readInput(file)).toString("utf8").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  const outside = lines.find((line) => !IMAGE_EXTENSION.test(line) || path.isAbsolute(line) || line.split(/[\\/]/).includes(".."));
  if (outside !== undefined) throw new ImportError(file, null, `"${outside}" is not an image path relative to the listing's folder.`);
  return lines.sort();
}

async function listImageFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true, recursive: true });
  } catch {
    throw new ImportError(root, null, "No such folder, or it cannot be read.");
  }
  return entries
    .filter((entry) => entry.isFile() && IMAGE_EXTENSION.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}
