import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { VERDICT_KEY } from "@/lib/stats/verdict-key";
import { computeSuspectScores } from "@/lib/suspects/compute";
import type { Selection, SelectionRule } from "@/lib/validation/campaign";

/**
 * The image ids a selection picks in a dataset. Each rule is one indexed query; sampling is
 * done in the database (ORDER BY random() over the matching ids only).
 */
export async function selectImageIds(db: Db, datasetId: number, selection: Selection): Promise<number[]> {
  const pixels = selection.withPixels ? Prisma.sql`AND i.bytes IS NOT NULL` : Prisma.empty;
  const order = selection.sample ? Prisma.sql`ORDER BY random() LIMIT ${selection.sample}` : Prisma.sql`ORDER BY i.id`;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT i.id FROM images i
    WHERE i.dataset_id = ${datasetId} ${pixels} AND i.id IN (${await ruleQuery(db, datasetId, selection.rule)})
    ${order}`;
  return rows.map((row) => row.id);
}

async function ruleQuery(db: Db, datasetId: number, rule: SelectionRule): Promise<Prisma.Sql> {
  switch (rule.kind) {
    case "all":
      return Prisma.sql`SELECT id FROM images WHERE dataset_id = ${datasetId}`;
    case "split":
      return Prisma.sql`SELECT id FROM images WHERE dataset_id = ${datasetId} AND split = ${rule.split}::"Split"`;
    case "most-suspect": {
      // The score combines several sources in code, so the ranking is computed here and passed as ids.
      const ranked = (await computeSuspectScores(db, datasetId)).filter((r) => rule.classes.length === 0 || r.original.some((c) => rule.classes.includes(c)));
      const ids = ranked.slice(0, rule.count).map((r) => r.imageId);
      return Prisma.sql`SELECT unnest(${ids}::int[])`;
    }
    case "list":
      return Prisma.sql`SELECT id FROM images WHERE dataset_id = ${datasetId} AND file_key = ANY(${rule.fileKeys})`;
    case "classes":
      return byOriginalClass(datasetId, rule.classes);
    case "class-group": {
      const members = await db.classGroupMember.findMany({ where: { groupId: rule.groupId }, select: { classIndex: true } });
      if (members.length === 0) throw new ExpectedError("That class group does not exist.");
      return byOriginalClass(datasetId, members.map((member) => member.classIndex));
    }
    case "original-outside": {
      const source = await requireSource(db, datasetId, rule.source);
      // Images whose original label is not in the study's label set (the study saw a fitting class).
      return Prisma.sql`
        SELECT s.image_id FROM source_labels s
        JOIN source_labels o ON o.image_id = s.image_id
        JOIN label_sources os ON os.id = o.source_id AND os.kind = 'ORIGINAL' AND os.dataset_id = ${datasetId}
        WHERE s.source_id = ${source} AND s.status = 'LABELED' AND NOT (o.classes <@ s.classes)`;
    }
    case "disagreement": {
      const ids = await Promise.all(rule.sources.map((name) => requireSource(db, datasetId, name)));
      // Covered by at least two of the sources, and not all of them give the same verdict (as sets).
      return Prisma.sql`
        SELECT image_id FROM source_labels WHERE source_id = ANY(${ids})
        GROUP BY image_id
        HAVING count(*) >= 2
           AND count(DISTINCT ${VERDICT_KEY}) > 1`;
    }
  }
}

function byOriginalClass(datasetId: number, classes: number[]): Prisma.Sql {
  return Prisma.sql`
    SELECT o.image_id FROM source_labels o
    JOIN label_sources os ON os.id = o.source_id AND os.kind = 'ORIGINAL' AND os.dataset_id = ${datasetId}
    WHERE o.classes && ${classes}::int[]`;
}

async function requireSource(db: Db, datasetId: number, name: string): Promise<number> {
  const source = await db.labelSource.findUnique({ where: { datasetId_name: { datasetId, name } }, select: { id: true } });
  if (!source) throw new ExpectedError(`No label source named "${name}" in this dataset.`);
  return source.id;
}
