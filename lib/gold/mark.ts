import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { requireKnownClasses } from "@/lib/decisions/known-classes";
import { ExpectedError, NotFoundError } from "@/lib/errors";

export interface GoldEntry {
  fileKey: string;
  outcome: DecisionOutcome;
}

export interface MarkSummary {
  marked: number;
}

/**
 * Makes the images of a dataset gold with the answer a source gave them: every image the source
 * labeled (LABELED, at least one class), optionally only where another source gave the very same
 * class set ("where ReaL and the original agree"), at most `limit` of them in file order. One
 * INSERT … SELECT; an image already gold gets the new answer.
 */
export async function markGoldFromSource(
  db: Db,
  spec: { datasetId: number; source: string; agreesWith?: string; limit?: number; createdById: number | null },
): Promise<MarkSummary> {
  return db.$transaction(async (tx) => {
    const names = [spec.source, ...(spec.agreesWith ? [spec.agreesWith] : [])];
    const sources = await tx.labelSource.findMany({ where: { datasetId: spec.datasetId, name: { in: names } }, select: { id: true, name: true } });
    const idOf = (name: string) => {
      const found = sources.find((source) => source.name === name);
      if (!found) throw new ExpectedError(`No label source "${name}" in this dataset.`);
      return found.id;
    };
    const sourceId = idOf(spec.source);
    const otherId = spec.agreesWith ? idOf(spec.agreesWith) : null;
    const marked = await tx.$executeRaw`
      INSERT INTO gold_answers (image_id, classes, ambiguity, candidate_classes, outside_labels, origin, created_by_id)
      SELECT sl.image_id, ARRAY(SELECT DISTINCT c FROM unnest(sl.classes) AS c ORDER BY c), NULL, '{}', '{}', ${`source:${spec.source}`}, ${spec.createdById}::int
      FROM source_labels sl JOIN images i ON i.id = sl.image_id
      WHERE sl.source_id = ${sourceId} AND sl.status = 'LABELED' AND cardinality(sl.classes) > 0
        AND (${otherId}::int IS NULL OR EXISTS (
          SELECT 1 FROM source_labels o
          WHERE o.source_id = ${otherId}::int AND o.image_id = sl.image_id AND o.status = 'LABELED'
            AND ARRAY(SELECT DISTINCT c FROM unnest(o.classes) AS c ORDER BY c) = ARRAY(SELECT DISTINCT c FROM unnest(sl.classes) AS c ORDER BY c)))
      ORDER BY i.file_key
      LIMIT ${spec.limit ?? 2_147_483_647}
      ON CONFLICT (image_id) DO UPDATE SET classes = EXCLUDED.classes, ambiguity = NULL, candidate_classes = '{}', outside_labels = '{}',
        origin = EXCLUDED.origin, created_by_id = EXCLUDED.created_by_id, created_at = now()`;
    await recordAudit(tx, { userId: spec.createdById, action: "gold.mark", entity: "dataset", entityId: spec.datasetId, details: { source: spec.source, agreesWith: spec.agreesWith ?? null, marked } });
    return { marked };
  });
}

/** Makes the listed images gold with the answers given (typed in, or from a file); unknown file names are refused whole. */
export async function markGoldAnswers(db: Db, spec: { datasetId: number; entries: readonly GoldEntry[]; createdById: number | null }): Promise<MarkSummary> {
  return db.$transaction(async (tx) => {
    const keys = spec.entries.map((entry) => entry.fileKey);
    const images = await tx.image.findMany({ where: { datasetId: spec.datasetId, fileKey: { in: keys } }, select: { id: true, fileKey: true } });
    const idOf = new Map(images.map((image) => [image.fileKey, image.id]));
    const unknown = keys.filter((key) => !idOf.has(key));
    if (unknown.length > 0) throw new ExpectedError(`Unknown file name${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}. Nothing was marked.`);
    await requireKnownClasses(tx, ...spec.entries.flatMap((entry) => [entry.outcome.classes, entry.outcome.candidateClasses]));
    for (const entry of spec.entries) {
      const data = { ...entry.outcome, origin: "typed", createdById: spec.createdById };
      await tx.goldAnswer.upsert({ where: { imageId: idOf.get(entry.fileKey)! }, create: { imageId: idOf.get(entry.fileKey)!, ...data }, update: { ...data, createdAt: new Date() } });
    }
    await recordAudit(tx, { userId: spec.createdById, action: "gold.mark", entity: "dataset", entityId: spec.datasetId, details: { typed: spec.entries.length } });
    return { marked: spec.entries.length };
  });
}

/**
 * Makes an image ordinary again; campaigns that already mixed it in keep it as gold. An image that
 * is not gold (or no image at all) is "not found", and nothing is written: no audit of an unmark
 * that unmarked nothing.
 */
export async function unmarkGold(db: Db, imageId: number, userId: number | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.goldAnswer.deleteMany({ where: { imageId } });
    if (count === 0) throw new NotFoundError("That image's gold answer");
    await recordAudit(tx, { userId, action: "gold.unmark", entity: "image", entityId: imageId, details: {} });
  });
}
