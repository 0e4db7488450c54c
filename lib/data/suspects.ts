import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { Prisma } from "@/lib/generated/prisma/client";
import { type ImageSuspicion, computeSuspectScores } from "@/lib/suspects/compute";
import type { ScorePart } from "@/lib/suspects/score";

export interface SuspectQuery {
  sort: "score" | "file";
  classIndex?: number;
  minScore?: number;
}

const PAGE = 100;

/**
 * The admin image browser: images with their suspect score, filtered and sorted, first page.
 * Reads the stored scores (lib/suspects/store.ts); before the first refresh it computes them
 * for this request instead, so the page is never empty while data exists.
 */
export async function listSuspectImages(query: SuspectQuery): Promise<{ total: number; rows: ImageSuspicion[]; stored: boolean } | null> {
  const dataset = await db.dataset.findUnique({ where: { slug: DEFAULT_DATASET }, select: { id: true } });
  if (!dataset) return null;
  const storedCount = await db.suspectScore.count({ where: { image: { datasetId: dataset.id } } });
  if (storedCount === 0) {
    let rows = await computeSuspectScores(db, dataset.id);
    if (query.classIndex !== undefined) rows = rows.filter((r) => r.original.includes(query.classIndex!));
    if (query.minScore !== undefined) rows = rows.filter((r) => r.score >= query.minScore!);
    if (query.sort === "file") rows = [...rows].sort((a, b) => a.fileKey.localeCompare(b.fileKey));
    return { total: rows.length, rows: rows.slice(0, PAGE), stored: false };
  }
  const where = Prisma.join(
    [
      Prisma.sql`i.dataset_id = ${dataset.id}`,
      ...(query.minScore !== undefined ? [Prisma.sql`s.score >= ${query.minScore}::float8`] : []),
      ...(query.classIndex !== undefined ? [Prisma.sql`${query.classIndex}::int = ANY(o.classes)`] : []),
    ],
    " AND ",
  );
  const from = Prisma.sql`suspect_scores s JOIN images i ON i.id = s.image_id
    LEFT JOIN LATERAL (SELECT l.classes FROM source_labels l JOIN label_sources ls ON ls.id = l.source_id AND ls.kind = 'ORIGINAL' WHERE l.image_id = i.id LIMIT 1) o ON true`;
  const order = query.sort === "file" ? Prisma.sql`i.file_key` : Prisma.sql`s.score DESC, i.id`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<{ imageId: number; fileKey: string; split: string; original: number[] | null; score: number; parts: Record<ScorePart, number> }[]>`
      SELECT i.id AS "imageId", i.file_key AS "fileKey", i.split::text AS split, o.classes AS original, s.score, s.parts
      FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${PAGE}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`,
  ]);
  return { total: count[0]?.n ?? 0, rows: rows.map((row) => ({ ...row, original: row.original ?? [] })), stored: true };
}
