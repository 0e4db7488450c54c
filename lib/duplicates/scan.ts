/**
 * The hashing scan: fingerprints every image with pixels that has not been looked at yet.
 * Written as a plain resumable function so a job queue can run it: each batch is stored as soon
 * as it is hashed, an undecodable file is recorded on its image (hashError) and the scan goes on,
 * and a rerun starts with what is still missing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db";
import { fingerprintImage, toSigned64 } from "@/lib/duplicates/hashes";
import { NotFoundError } from "@/lib/errors";

export interface ScanParams {
  dataset: string;
  /** Files decoded at once; sharp uses its own threads too, so a few suffice. */
  concurrency?: number;
  batchSize?: number;
}

export interface ScanHooks {
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; failed: number }) => void;
}

export interface ScanResult {
  /** Images of the dataset with pixels. */
  images: number;
  /** Fingerprinted in this run. */
  hashed: number;
  failed: { file: string; error: string }[];
  ms: number;
}

interface Work {
  id: number;
  fileKey: string;
  storagePath: string;
}

type Outcome =
  | { id: number; ok: true; print: Awaited<ReturnType<typeof fingerprintImage>> }
  | { id: number; ok: false; error: string };

async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const position = next++;
      results[position] = await run(items[position]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function hashOne(root: string, image: Work): Promise<Outcome> {
  const file = path.resolve(root, image.storagePath);
  // The path comes from the database; still refuse one that leaves the image root.
  if (!file.startsWith(root + path.sep)) return { id: image.id, ok: false, error: "The stored path leaves the dataset's image folder." };
  try {
    return { id: image.id, ok: true, print: await fingerprintImage(await readFile(file)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: image.id, ok: false, error: message.split("\n")[0]!.slice(0, 300) };
  }
}

async function store(db: Db, outcomes: readonly Outcome[]) {
  const done = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  await db.$transaction(async (tx) => {
    if (done.length) {
      await tx.$executeRaw`
        UPDATE images AS i SET pixel_hash = u.pixel_hash, phash = u.phash, phash_mirror = u.phash_mirror,
          dhash = u.dhash, dhash_mirror = u.dhash_mirror, width = COALESCE(i.width, u.width), height = COALESCE(i.height, u.height),
          hashed_at = now(), hash_error = NULL
        FROM unnest(${done.map((o) => o.id)}::int[], ${done.map((o) => o.print.pixelHash)}::text[],
          ${done.map((o) => toSigned64(o.print.phash).toString())}::bigint[], ${done.map((o) => toSigned64(o.print.phashMirror).toString())}::bigint[],
          ${done.map((o) => toSigned64(o.print.dhash).toString())}::bigint[], ${done.map((o) => toSigned64(o.print.dhashMirror).toString())}::bigint[],
          ${done.map((o) => o.print.width)}::int[], ${done.map((o) => o.print.height)}::int[])
          AS u(id, pixel_hash, phash, phash_mirror, dhash, dhash_mirror, width, height)
        WHERE i.id = u.id`;
    }
    for (const outcome of failed) {
      await tx.image.update({ where: { id: outcome.id }, data: { hashedAt: new Date(), hashError: outcome.error } });
    }
  });
}

/** Hashes what is missing in a dataset whose images are files (a URL-template dataset has none to read). */
export async function scanImageHashes(db: Db, params: ScanParams, hooks: ScanHooks = {}): Promise<ScanResult> {
  const started = Date.now();
  const dataset = await db.dataset.findUnique({ where: { slug: params.dataset }, select: { id: true, imageRoot: true } });
  if (!dataset) throw new NotFoundError(`The dataset "${params.dataset}"`);
  const withPixels = { datasetId: dataset.id, bytes: { not: null } };
  const images = await db.image.count({ where: withPixels });
  const result: ScanResult = { images, hashed: 0, failed: [], ms: 0 };
  if (!dataset.imageRoot) return { ...result, ms: Date.now() - started };
  const root = path.resolve(dataset.imageRoot);
  const total = await db.image.count({ where: { ...withPixels, hashedAt: null } });
  let done = 0;
  let after = 0;
  for (;;) {
    hooks.signal?.throwIfAborted();
    const batch = await db.image.findMany({
      where: { ...withPixels, hashedAt: null, id: { gt: after } },
      orderBy: { id: "asc" },
      take: params.batchSize ?? 64,
      select: { id: true, fileKey: true, storagePath: true },
    });
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    const outcomes = await mapLimited(batch, params.concurrency ?? 4, (image) => hashOne(root, image));
    await store(db, outcomes);
    outcomes.forEach((outcome, position) => {
      if (outcome.ok) result.hashed++;
      else result.failed.push({ file: batch[position]!.fileKey, error: outcome.error });
    });
    done += batch.length;
    hooks.onProgress?.({ done, total, failed: result.failed.length });
  }
  return { ...result, ms: Date.now() - started };
}
