/**
 * Suspect scores of every labeled image of a dataset, from the imported sources. Reads the whole
 * dataset once (50,000 validation images: a few hundred thousand rows), so callers that need it
 * repeatedly should keep the result.
 */
import type { Db } from "@/lib/db";
import { type ModelPrediction, type StudyVerdict, type SuspectScore, suspectScore } from "@/lib/suspects/score";

export interface ImageSuspicion extends SuspectScore {
  imageId: number;
  fileKey: string;
  split: string;
  original: number[];
}

/** `leaveOut`: source names to ignore, to measure the score against a source it did not see. */
export async function computeSuspectScores(db: Db, datasetId: number, options: { leaveOut?: string[] } = {}): Promise<ImageSuspicion[]> {
  const leaveOut = options.leaveOut ?? [];
  const [images, labels, predictions, grouped, duplicateRows] = await Promise.all([
    db.image.findMany({ where: { datasetId }, select: { id: true, fileKey: true, split: true } }),
    db.sourceLabel.findMany({
      where: { source: { datasetId, kind: { in: ["ORIGINAL", "STUDY"] }, name: { notIn: leaveOut } } },
      select: { imageId: true, status: true, classes: true, source: { select: { kind: true } } },
    }),
    db.prediction.findMany({ where: { source: { datasetId, kind: "MODEL", name: { notIn: leaveOut } } }, select: { imageId: true, classes: true, scores: true } }),
    db.classGroupMember.findMany({ select: { classIndex: true } }),
    db.duplicateMember.findMany({
      where: { group: { datasetId, verdict: { not: "NOT_DUPLICATE" } } },
      select: { groupId: true, imageId: true },
    }),
  ]);
  const original = new Map<number, number[]>();
  const studies = new Map<number, StudyVerdict[]>();
  for (const label of labels) {
    if (label.source.kind === "ORIGINAL") original.set(label.imageId, label.classes);
    else studies.set(label.imageId, [...(studies.get(label.imageId) ?? []), { status: label.status, classes: label.classes }]);
  }
  const models = new Map<number, ModelPrediction[]>();
  for (const p of predictions) models.set(p.imageId, [...(models.get(p.imageId) ?? []), p]);
  const problematic = new Set(grouped.map((g) => g.classIndex));

  // A group conflicts when its members' original labels are not all the same.
  const membersOf = new Map<number, number[]>();
  for (const row of duplicateRows) membersOf.set(row.groupId, [...(membersOf.get(row.groupId) ?? []), row.imageId]);
  const conflicting = new Set<number>();
  for (const members of membersOf.values()) {
    const keys = new Set(members.map((id) => (original.get(id) ?? []).join(",")));
    if (keys.size > 1) for (const id of members) conflicting.add(id);
  }

  return images
    .filter((image) => original.has(image.id) || conflicting.has(image.id))
    .map((image) => {
      const own = original.get(image.id) ?? [];
      return {
        imageId: image.id,
        fileKey: image.fileKey,
        split: image.split,
        original: own,
        ...suspectScore({
          original: own,
          studies: studies.get(image.id) ?? [],
          models: models.get(image.id) ?? [],
          inProblematicClassGroup: own.some((label) => problematic.has(label)),
          inConflictingDuplicateGroup: conflicting.has(image.id),
        }),
      };
    })
    .sort((a, b) => b.score - a.score || a.imageId - b.imageId);
}
