/**
 * How suspect an image's original label is, from what has been imported about it. The score is a
 * sum of named parts so every image's score can be explained; the formula is shown on the page.
 *
 *   absent      3 × share of prior studies whose verdict leaves out the original label
 *                   (a label set without it, "none fit" or "problematic" count 1; "no consensus" ½)
 *   disagree    1 × mean pairwise Jaccard distance between the studies' label sets
 *   models      2 × share of models whose top-1 is the same class other than the original label
 *   confidence  1 × 1 − mean score models give the original label (models that publish scores;
 *                   a label outside their top-k scores 0) — confident learning's self-confidence
 *   classGroup  ½ if the original label is in a problematic class group
 *   duplicate   1 if the image is in a duplicate group whose members' original labels differ
 */
import { jaccardDistance } from "@/lib/agreement/set-distances";
import type { VerdictStatus } from "@/lib/generated/prisma/enums";

export const WEIGHTS = { absent: 3, disagree: 1, models: 2, confidence: 1, classGroup: 0.5, duplicate: 1 } as const;
export type ScorePart = keyof typeof WEIGHTS;
export const MAX_SCORE = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);

export interface StudyVerdict {
  status: VerdictStatus;
  classes: readonly number[];
}

export interface ModelPrediction {
  classes: readonly number[];
  /** Same length as classes when the model published scores, else empty. */
  scores: readonly number[];
}

export interface SuspectEvidence {
  original: readonly number[];
  studies: readonly StudyVerdict[];
  models: readonly ModelPrediction[];
  inProblematicClassGroup: boolean;
  inConflictingDuplicateGroup: boolean;
}

export interface SuspectScore {
  score: number;
  parts: Record<ScorePart, number>;
}

function absentShare(original: readonly number[], studies: readonly StudyVerdict[]): number {
  if (studies.length === 0 || original.length === 0) return 0;
  const misses = studies.map((study) => {
    if (study.status === "NO_CONSENSUS") return 0.5;
    if (study.status !== "LABELED") return 1;
    return original.some((label) => study.classes.includes(label)) ? 0 : 1;
  });
  return misses.reduce((a: number, b) => a + b, 0) / studies.length;
}

function studyDisagreement(studies: readonly StudyVerdict[]): number {
  const sets = studies.filter((s) => s.status === "LABELED").map((s) => s.classes);
  if (sets.length < 2) return 0;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++, pairs++) sum += jaccardDistance(sets[i]!.map(String), sets[j]!.map(String));
  return sum / pairs;
}

function modelsAgainst(original: readonly number[], models: readonly ModelPrediction[]): number {
  const tops = models.map((m) => m.classes[0]).filter((top): top is number => top !== undefined);
  if (tops.length === 0 || original.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const top of tops) if (!original.includes(top)) counts.set(top, (counts.get(top) ?? 0) + 1);
  return Math.max(0, ...counts.values()) / tops.length;
}

function lowConfidence(original: readonly number[], models: readonly ModelPrediction[]): number {
  const scored = models.filter((m) => m.scores.length === m.classes.length && m.scores.length > 0);
  if (scored.length === 0 || original.length === 0) return 0;
  const confidence = scored.map((m) => Math.max(0, ...original.map((label) => { const at = m.classes.indexOf(label); return at < 0 ? 0 : m.scores[at]!; })));
  return 1 - confidence.reduce((a, b) => a + b, 0) / scored.length;
}

export function suspectScore(evidence: SuspectEvidence): SuspectScore {
  const raw: Record<ScorePart, number> = {
    absent: absentShare(evidence.original, evidence.studies),
    disagree: studyDisagreement(evidence.studies),
    models: modelsAgainst(evidence.original, evidence.models),
    confidence: lowConfidence(evidence.original, evidence.models),
    classGroup: evidence.inProblematicClassGroup ? 1 : 0,
    duplicate: evidence.inConflictingDuplicateGroup ? 1 : 0,
  };
  const parts = Object.fromEntries(Object.entries(raw).map(([part, value]) => [part, Math.round(value * WEIGHTS[part as ScorePart] * 1000) / 1000])) as Record<ScorePart, number>;
  return { score: Math.round(Object.values(parts).reduce((a, b) => a + b, 0) * 1000) / 1000, parts };
}
