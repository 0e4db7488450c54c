import { Prisma } from "@/lib/generated/prisma/client";
import type { ImageVerdict } from "@/lib/analytics/class-confirmation";
import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";

/**
 * Any source's verdicts beside each image's original label, in one shape: a study's or a
 * CONSENSUS source's source_labels, an expert file's decisions, a model's top-1, a campaign's
 * consensus ("campaign:<id>") or the dataset-wide one ("consensus:dataset").
 */
export interface VerdictOnImage extends ImageVerdict {
  imageId: number;
}

export async function loadVerdicts(db: Db, datasetId: number, sourceName: string, classes?: readonly number[]): Promise<VerdictOnImage[]> {
  const classFilter = classes ? Prisma.sql`AND o.classes[1] = ANY(${[...classes]}::int[])` : Prisma.empty;
  const rows = await verdictRows(db, datasetId, sourceName);
  // One JSON text for all rows: Prisma's per-row decoding is what would otherwise dominate.
  const [result] = await db.$queryRaw<{ rows: string | null }[]>`
    WITH original AS (
      SELECT o.image_id, o.classes[1] AS original FROM source_labels o
      JOIN label_sources os ON os.id = o.source_id AND os.dataset_id = ${datasetId} AND os.kind = 'ORIGINAL'
      WHERE true ${classFilter}
    )
    SELECT json_agg(json_build_array(x.image_id, original.original, coalesce(x.classes, '{}'), x.ambiguous, coalesce(x.outside_labels, '{}'), x.unusable))::text AS rows
    FROM (${rows}) x JOIN original ON original.image_id = x.image_id`;
  const parsed = JSON.parse(result?.rows ?? "[]") as [number, number, number[], boolean, string[], boolean][];
  return parsed.map(([imageId, original, cls, ambiguous, outsideLabels, unusable]) => ({ imageId, original, classes: cls, ambiguous, outsideLabels, unusable }));
}

async function verdictRows(db: Db, datasetId: number, name: string): Promise<Prisma.Sql> {
  if (name === "consensus:dataset" || name.startsWith("campaign:")) {
    const campaignId = name === "consensus:dataset" ? null : Number(name.slice("campaign:".length));
    if (campaignId !== null && !(await db.campaign.findFirst({ where: { id: Number.isInteger(campaignId) ? campaignId : -1, datasetId }, select: { id: true } }))) {
      throw new ExpectedError(`No campaign ${name.slice("campaign:".length)} in this dataset.`);
    }
    return Prisma.sql`
      SELECT c.image_id, c.classes, c.ambiguity IS NOT NULL AS ambiguous, c.outside_labels,
             c.status IN ('EXCLUDED', 'DISAGREED', 'UNLABELED', 'IN_PROGRESS') AS unusable
      FROM consensus c JOIN images i ON i.id = c.image_id
      WHERE i.dataset_id = ${datasetId} AND c.campaign_id IS NOT DISTINCT FROM ${campaignId}::int`;
  }
  const source = await db.labelSource.findUnique({ where: { datasetId_name: { datasetId, name } }, select: { id: true, kind: true } });
  if (!source) {
    const names = await db.labelSource.findMany({ where: { datasetId }, select: { name: true }, orderBy: { name: "asc" } });
    throw new ExpectedError(`Unknown source "${name}". Sources here: ${names.map((s) => s.name).join(", ") || "none (import some first)"}; or campaign:<id>, consensus:dataset.`);
  }
  if (source.kind === "MODEL") {
    return Prisma.sql`SELECT image_id, classes[1:1] AS classes, false AS ambiguous, '{}'::text[] AS outside_labels, false AS unusable FROM predictions WHERE source_id = ${source.id}`;
  }
  const hasDecisions = (await db.decision.count({ where: { sourceId: source.id } })) > 0;
  if (hasDecisions) {
    return Prisma.sql`
      SELECT image_id, classes, ambiguity IS NOT NULL AS ambiguous, outside_labels,
             coalesce(cardinality(classes), 0) = 0 AND ambiguity IS NULL AND coalesce(cardinality(outside_labels), 0) = 0 AS unusable
      FROM decisions WHERE source_id = ${source.id}`;
  }
  return Prisma.sql`
    SELECT image_id, classes, false AS ambiguous, '{}'::text[] AS outside_labels, status <> 'LABELED' AS unusable
    FROM source_labels WHERE source_id = ${source.id}`;
}
