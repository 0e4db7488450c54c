import "server-only";
import { db } from "@/lib/db";

/**
 * Other images of a class, to compare with the one being labeled: training-style samples named
 * after the class's wnid first, then images whose original label is the class. Only images
 * whose pixels the server has.
 */
export async function listClassExamples(classIndex: number, excludeImageId: number | null, limit = 6): Promise<number[]> {
  const cls = await db.imageClass.findUnique({ where: { index: classIndex }, select: { wnid: true } });
  if (!cls) return [];
  const rows = await db.$queryRaw<{ id: number }[]>`
    (SELECT i.id FROM images i
      WHERE i.split = 'TRAIN' AND i.file_key LIKE ${`${cls.wnid}\\_%`} AND i.bytes IS NOT NULL
      ORDER BY i.id LIMIT ${limit})
    UNION ALL
    (SELECT i.id FROM source_labels o
      JOIN label_sources s ON s.id = o.source_id AND s.kind = 'ORIGINAL'
      JOIN images i ON i.id = o.image_id AND i.bytes IS NOT NULL
      WHERE o.classes && ARRAY[${classIndex}]::int[] AND i.id <> ${excludeImageId ?? 0}
      ORDER BY i.id LIMIT ${limit})
    LIMIT ${limit}`;
  return rows.map((row) => row.id);
}
