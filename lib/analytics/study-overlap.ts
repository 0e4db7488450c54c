import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { getDatasetStats, LABEL_STUDIES, type StudyOverlap } from "@/lib/stats/dataset-stats";
import { VERDICT_KEY } from "@/lib/stats/verdict-key";

/**
 * How the four label studies overlap and agree, compared two ways side by side: as *sets* (our
 * reading, the one `stats` reports) and as the "Flaws of ImageNet" authors compared them, as
 * label *strings* in the order each file lists them — so {1, 2} and {2, 1} disagree.
 */

/**
 * A verdict as the blog's string: the status, then the labels in file order (multilabel and
 * Tsipras keep their CSV text, ReaL its JSON order where it differs from sorted, Northcutt's
 * "both" is original then guess, as in label_errors_og_met.csv).
 */
const ORDERED_KEY = Prisma.sql`(status::text || ':' || CASE WHEN status <> 'LABELED' THEN ''
  WHEN details ? 'proposedLabelsText' THEN regexp_replace(details->>'proposedLabelsText', '\\s', '', 'g')
  WHEN details ? 'labelsInFileOrder' THEN (SELECT string_agg(value, ',' ORDER BY n) FROM jsonb_array_elements_text(details->'labelsInFileOrder') WITH ORDINALITY AS t(value, n))
  WHEN details ? 'guessedLabel' AND cardinality(classes) = 2 THEN (details->>'originalLabel') || ',' || (details->>'guessedLabel')
  ELSE array_to_string(classes, ',') END)`;

export interface Agreement {
  /** Images covered by ≥2 studies whose verdicts are all the same. */
  identical: number;
  identicalPctOfCovered: number | null;
  identicalPctOfImages: number | null;
  /** Of the identical ones with labels, how many agree on exactly the original label. */
  identicalLabeled: number;
  originalConfirmed: number;
  originalConfirmedPct: number | null;
}

export interface StudyOverlapReport {
  dataset: string;
  images: number;
  studies: { name: string; imagesCovered: number }[];
  /** Images covered by exactly 1, 2, 3, 4 studies. */
  coveredBy: { studies: number; images: number }[];
  atLeast2: number;
  atLeast2Pct: number | null;
  asSets: Agreement;
  asStrings: Agreement;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((10_000 * part) / whole) / 100);

/** Exactly-k counts from the at-least-k counts `stats` already computes. */
export function exactlyCovered(overlap: Pick<StudyOverlap, "atLeast1" | "atLeast2" | "atLeast3" | "atLeast4">): { studies: number; images: number }[] {
  const atLeast = [overlap.atLeast1, overlap.atLeast2, overlap.atLeast3, overlap.atLeast4, 0];
  return [1, 2, 3, 4].map((k) => ({ studies: k, images: atLeast[k - 1]! - atLeast[k]! }));
}

export function agreement(counts: { identical: number; identicalLabeled: number; originalConfirmed: number }, atLeast2: number, images: number): Agreement {
  return {
    ...counts,
    identicalPctOfCovered: percent(counts.identical, atLeast2),
    identicalPctOfImages: percent(counts.identical, images),
    originalConfirmedPct: percent(counts.originalConfirmed, counts.identicalLabeled),
  };
}

export async function getStudyOverlap(db: Db, datasetSlug: string): Promise<StudyOverlapReport | null> {
  const stats = await getDatasetStats(db, datasetSlug);
  if (!stats) return null;
  const dataset = await db.dataset.findUniqueOrThrow({ where: { slug: datasetSlug }, select: { id: true } });
  const [row] = await db.$queryRaw<{ set_identical: number; set_labeled: number; set_confirmed: number; str_identical: number; str_labeled: number; str_confirmed: number }[]>`
    WITH verdicts AS (
      SELECT l.image_id, ${VERDICT_KEY} AS set_key, ${ORDERED_KEY} AS string_key
      FROM source_labels l
      WHERE l.source_id IN (SELECT id FROM label_sources WHERE dataset_id = ${dataset.id} AND name = ANY(${[...LABEL_STUDIES]}))
    ), per_image AS (
      SELECT image_id, count(*) AS n, count(DISTINCT set_key) AS set_keys, min(set_key) AS set_key,
             count(DISTINCT string_key) AS string_keys, min(string_key) AS string_key
      FROM verdicts GROUP BY image_id HAVING count(*) >= 2
    ), original AS (
      SELECT o.image_id, 'LABELED:' || o.classes[1] AS key FROM source_labels o
      JOIN label_sources os ON os.id = o.source_id AND os.dataset_id = ${dataset.id} AND os.kind = 'ORIGINAL'
    )
    SELECT count(*) FILTER (WHERE set_keys = 1)::int AS set_identical,
           count(*) FILTER (WHERE set_keys = 1 AND set_key LIKE 'LABELED:%')::int AS set_labeled,
           count(*) FILTER (WHERE set_keys = 1 AND set_key = original.key)::int AS set_confirmed,
           count(*) FILTER (WHERE string_keys = 1)::int AS str_identical,
           count(*) FILTER (WHERE string_keys = 1 AND string_key LIKE 'LABELED:%')::int AS str_labeled,
           count(*) FILTER (WHERE string_keys = 1 AND string_key = original.key)::int AS str_confirmed
    FROM per_image LEFT JOIN original USING (image_id)`;
  const o = stats.studyOverlap;
  const r = row!;
  return {
    dataset: datasetSlug,
    images: stats.images,
    studies: LABEL_STUDIES.map((name) => ({ name, imagesCovered: stats.sources.find((s) => s.name === name)?.imagesCovered ?? 0 })),
    coveredBy: exactlyCovered(o),
    atLeast2: o.atLeast2,
    atLeast2Pct: percent(o.atLeast2, stats.images),
    // The set-based count is the one `stats` reports; this query re-derives it only to split it by label.
    asSets: agreement({ identical: o.identicalAmongAtLeast2, identicalLabeled: r.set_labeled, originalConfirmed: r.set_confirmed }, o.atLeast2, stats.images),
    asStrings: agreement({ identical: r.str_identical, identicalLabeled: r.str_labeled, originalConfirmed: r.str_confirmed }, o.atLeast2, stats.images),
  };
}
