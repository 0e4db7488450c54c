import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

/**
 * The dataset pages and commands use when none is named: ImageNet-1k's validation set, which
 * every published study labels. Kept apart from the importers so pages need not load them.
 */
export const DEFAULT_DATASET = "imagenet-val";

/** The id of the dataset with this slug, or null (pages show their empty state). */
export async function datasetIdOf(db: Db, slug: string): Promise<number | null> {
  return (await db.dataset.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

/** The id of the dataset a request names, or the not-found refusal every such request gives. */
export async function requireDatasetId(db: Db, slug: string): Promise<number> {
  const id = await datasetIdOf(db, slug);
  if (id === null) throw new NotFoundError(`The dataset "${slug}"`);
  return id;
}
