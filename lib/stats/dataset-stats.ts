import type { Db } from "@/lib/db";
import { VERDICT_KEY } from "@/lib/stats/verdict-key";

/** The four published label studies whose overlap `stats` reports. */
export const LABEL_STUDIES = ["real", "multilabel", "tsipras", "northcutt"] as const;

export interface SourceStats {
  name: string;
  kind: string;
  title: string;
  imagesCovered: number;
  /** Images the source found no fitting class for (or whose raters had no consensus). */
  emptyOrNoneFit: number;
  /** Images the source gives more than one class. */
  multiLabel: number;
}

export interface StudyOverlap {
  studies: string[];
  atLeast1: number;
  atLeast2: number;
  atLeast3: number;
  atLeast4: number;
  /** Of the images covered by ≥2 studies, how many get the same verdict from all that cover them. */
  identicalAmongAtLeast2: number;
}

export interface DatasetStats {
  dataset: string;
  images: number;
  imagesWithPixels: number;
  sources: SourceStats[];
  studyOverlap: StudyOverlap;
}

/**
 * What is in a dataset. Verdicts are compared as *sets* of classes (ReaL's lists are unordered;
 * the "Flaws of ImageNet" authors compared strings and so counted reorderings as disagreement),
 * and a verdict with no class counts only as equal to another of the same status.
 */
export async function getDatasetStats(db: Db, datasetSlug: string): Promise<DatasetStats | null> {
  const dataset = await db.dataset.findUnique({ where: { slug: datasetSlug }, select: { id: true } });
  if (!dataset) return null;
  const [images, imagesWithPixels, sources, overlap] = await Promise.all([
    db.image.count({ where: { datasetId: dataset.id } }),
    db.image.count({ where: { datasetId: dataset.id, bytes: { not: null } } }),
    db.$queryRaw<{ name: string; kind: string; title: string; covered: number; empty: number; multi: number }[]>`
      SELECT s.name, s.kind::text AS kind, s.title,
             count(x.image_id)::int AS covered,
             count(x.image_id) FILTER (WHERE x.empty)::int AS empty,
             count(x.image_id) FILTER (WHERE x.n > 1)::int AS multi
      FROM label_sources s
      LEFT JOIN LATERAL (
        SELECT image_id, status IN ('NONE_FIT', 'NO_CONSENSUS') AS empty, cardinality(classes) AS n FROM source_labels WHERE source_id = s.id
        UNION ALL
        SELECT image_id, cardinality(classes) = 0 AND ambiguity IS NULL AND cardinality(outside_labels) = 0, cardinality(classes) FROM decisions WHERE source_id = s.id
        UNION ALL
        SELECT image_id, false, 0 FROM predictions WHERE source_id = s.id
        UNION ALL
        SELECT image_id, false, 0 FROM image_hints WHERE source_id = s.id
      ) x ON true
      WHERE s.dataset_id = ${dataset.id}
      GROUP BY s.id ORDER BY s.kind, s.name`,
    db.$queryRaw<{ at_least_1: number; at_least_2: number; at_least_3: number; at_least_4: number; identical: number }[]>`
      WITH per_image AS (
        SELECT image_id, count(*) AS n, count(DISTINCT ${VERDICT_KEY}) AS verdicts
        FROM source_labels
        WHERE source_id IN (SELECT id FROM label_sources WHERE dataset_id = ${dataset.id} AND name = ANY(${[...LABEL_STUDIES]}))
        GROUP BY image_id
      )
      SELECT count(*) FILTER (WHERE n >= 1)::int AS at_least_1,
             count(*) FILTER (WHERE n >= 2)::int AS at_least_2,
             count(*) FILTER (WHERE n >= 3)::int AS at_least_3,
             count(*) FILTER (WHERE n >= 4)::int AS at_least_4,
             count(*) FILTER (WHERE n >= 2 AND verdicts = 1)::int AS identical
      FROM per_image`,
  ]);
  const o = overlap[0]!;
  return {
    dataset: datasetSlug,
    images,
    imagesWithPixels,
    sources: sources.map((s) => ({ name: s.name, kind: s.kind, title: s.title, imagesCovered: s.covered, emptyOrNoneFit: s.empty, multiLabel: s.multi })),
    studyOverlap: {
      studies: [...LABEL_STUDIES],
      atLeast1: o.at_least_1,
      atLeast2: o.at_least_2,
      atLeast3: o.at_least_3,
      atLeast4: o.at_least_4,
      identicalAmongAtLeast2: o.identical,
    },
  };
}
