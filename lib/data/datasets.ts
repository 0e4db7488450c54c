import "server-only";
import { db } from "@/lib/db";

export async function getDatasetId(slug: string): Promise<number | null> {
  return (await db.dataset.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}
