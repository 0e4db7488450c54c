import "server-only";
import { db } from "@/lib/db";

export interface ImageSearchRow {
  id: number;
  fileKey: string;
  dataset: string;
}

/**
 * Images whose file name contains the query, for reviewers looking one up (the caller checks
 * review:read). A plain substring match: a sequential scan of file names is a few milliseconds even at
 * ImageNet's 50,000 validation images, so no trigram index is needed.
 */
export async function findImagesByFileName(query: string, limit = 20): Promise<ImageSearchRow[]> {
  const q = query.trim();
  if (!q) return [];
  const rows = await db.image.findMany({
    where: { fileKey: { contains: q, mode: "insensitive" } },
    select: { id: true, fileKey: true, dataset: { select: { name: true } } },
    orderBy: { fileKey: "asc" },
    take: limit,
  });
  return rows.map((row) => ({ id: row.id, fileKey: row.fileKey, dataset: row.dataset.name }));
}
