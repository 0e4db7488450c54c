import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export async function getDatasetId(slug: string): Promise<number | null> {
  return (await db.dataset.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

/** For actions that name a dataset: its id, or the not-found refusal every such action gives. */
export async function requireDatasetId(slug: string): Promise<number> {
  const id = await getDatasetId(slug);
  if (id === null) throw new NotFoundError(`The dataset "${slug}"`);
  return id;
}
