import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { visibleImagesWhere, type Viewer } from "@/lib/data/image-access";
import { db } from "@/lib/db";

export type ImageLocation =
  | { kind: "file"; path: string; size: number; etag: string; contentType: string }
  | { kind: "url"; url: string }
  | { kind: "missing" };

const CONTENT_TYPES: Record<string, string> = { ".jpeg": "image/jpeg", ".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp" };

/**
 * Where an image's pixels are, if the viewer may see the image (null otherwise, as for an unknown
 * id: a foreign image is not confirmed to exist). The path comes from the database (never from the request) and is
 * still checked to stay inside the dataset's image root, so a bad import cannot expose other files.
 */
export async function locateImage(viewer: Viewer, imageId: number): Promise<ImageLocation | null> {
  const image = await db.image.findFirst({
    where: { id: imageId, ...visibleImagesWhere(viewer) },
    select: { storagePath: true, contentHash: true, dataset: { select: { imageRoot: true, urlTemplate: true } } },
  });
  if (!image) return null;
  const { imageRoot, urlTemplate } = image.dataset;
  if (urlTemplate) return { kind: "url", url: urlTemplate.replace("{file}", encodeURIComponent(image.storagePath).replace(/%2F/g, "/")) };
  if (!imageRoot) return { kind: "missing" };
  const root = path.resolve(imageRoot);
  const file = path.resolve(root, image.storagePath);
  if (!file.startsWith(root + path.sep)) return { kind: "missing" };
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return { kind: "missing" };
    return {
      kind: "file",
      path: file,
      size: stats.size,
      etag: `"${image.contentHash ?? `${stats.size}-${Math.floor(stats.mtimeMs)}`}"`,
      contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    };
  } catch {
    return { kind: "missing" };
  }
}

export function openImageStream(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
}
