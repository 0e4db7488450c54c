/**
 * How well the suspect score finds the images a study corrected: precision and recall of the
 * top 5% of the ranking, where "corrected" means the study's verdict leaves out the original label
 * (a label set without it, or none fit).
 */
import type { Db } from "@/lib/db";
import { computeSuspectScores } from "@/lib/suspects/compute";

export function topShareQuality(ranked: readonly number[], corrected: ReadonlySet<number>, share = 0.05) {
  const top = ranked.slice(0, Math.ceil(ranked.length * share));
  const hits = top.filter((id) => corrected.has(id)).length;
  return { ranked: ranked.length, top: top.length, corrected: corrected.size, hits, precision: top.length ? hits / top.length : 0, recall: corrected.size ? hits / corrected.size : 0 };
}

export async function rankAgainstCorrections(db: Db, datasetId: number, sourceName: string, leaveOut: string[]) {
  const source = await db.labelSource.findUnique({ where: { datasetId_name: { datasetId, name: sourceName } }, select: { id: true } });
  if (!source) throw new Error(`No source "${sourceName}" in this dataset.`);
  const [scores, verdicts, originals] = await Promise.all([
    computeSuspectScores(db, datasetId, { leaveOut }),
    db.sourceLabel.findMany({ where: { sourceId: source.id }, select: { imageId: true, status: true, classes: true } }),
    db.sourceLabel.findMany({ where: { source: { datasetId, kind: "ORIGINAL" } }, select: { imageId: true, classes: true } }),
  ]);
  const originalOf = new Map(originals.map((o) => [o.imageId, o.classes]));
  const judged = new Set(verdicts.map((v) => v.imageId));
  const corrected = new Set(
    verdicts
      .filter((v) => {
        const own = originalOf.get(v.imageId) ?? [];
        return v.status === "NONE_FIT" || (v.status === "LABELED" && !own.some((label) => v.classes.includes(label)));
      })
      .map((v) => v.imageId),
  );
  // Ranked among the images the study judged, so both figures speak of the same images.
  return topShareQuality(scores.filter((s) => judged.has(s.imageId)).map((s) => s.imageId), corrected);
}
