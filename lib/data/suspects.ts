import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/import/run/context";
import { type ImageSuspicion, computeSuspectScores } from "@/lib/suspects/compute";

export interface SuspectQuery {
  sort: "score" | "file";
  classIndex?: number;
  minScore?: number;
}

const PAGE = 100;

/** The admin image browser: images with their suspect score, filtered and sorted, first page. */
export async function listSuspectImages(query: SuspectQuery): Promise<{ total: number; rows: ImageSuspicion[] } | null> {
  const dataset = await db.dataset.findUnique({ where: { slug: DEFAULT_DATASET }, select: { id: true } });
  if (!dataset) return null;
  let rows = await computeSuspectScores(db, dataset.id);
  if (query.classIndex !== undefined) rows = rows.filter((r) => r.original.includes(query.classIndex!));
  if (query.minScore !== undefined) rows = rows.filter((r) => r.score >= query.minScore!);
  if (query.sort === "file") rows = [...rows].sort((a, b) => a.fileKey.localeCompare(b.fileKey));
  return { total: rows.length, rows: rows.slice(0, PAGE) };
}
