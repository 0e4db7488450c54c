import { jaccardDistance } from "@/lib/agreement/set-distances";
import { outcomeItems, outcomeKey, type DecisionOutcome } from "@/lib/decisions/outcome";

// Scores annotators on gold images with the comparisons the consensus uses: the whole outcome as one
// value (exact: same classes, same markers) and the Jaccard similarity of the outcome items.

export interface GoldAnswerOf {
  imageId: number;
  fileKey: string;
  annotator: number;
  answer: DecisionOutcome;
  gold: DecisionOutcome;
}

export interface GoldScore {
  annotator: number;
  answers: number;
  /** Share of gold images answered exactly (same outcome key); null without answers. */
  exact: number | null;
  /** Mean Jaccard similarity of the outcome items; null without answers. */
  jaccard: number | null;
  /** Gold images not answered exactly, worst first. */
  missed: { imageId: number; fileKey: string; jaccard: number; answer: DecisionOutcome; gold: DecisionOutcome }[];
}

export function scoreGold(rows: readonly GoldAnswerOf[]): Map<number, GoldScore> {
  const scores = new Map<number, GoldScore & { exactCount: number; jaccardSum: number }>();
  for (const row of rows) {
    const score = scores.get(row.annotator) ?? { annotator: row.annotator, answers: 0, exact: null, jaccard: null, missed: [], exactCount: 0, jaccardSum: 0 };
    const similarity = 1 - jaccardDistance(outcomeItems(row.answer), outcomeItems(row.gold));
    score.answers += 1;
    score.jaccardSum += similarity;
    if (outcomeKey(row.answer) === outcomeKey(row.gold)) score.exactCount += 1;
    else score.missed.push({ imageId: row.imageId, fileKey: row.fileKey, jaccard: similarity, answer: row.answer, gold: row.gold });
    scores.set(row.annotator, score);
  }
  return new Map(
    [...scores].map(([annotator, { exactCount, jaccardSum, ...score }]) => [
      annotator,
      { ...score, exact: exactCount / score.answers, jaccard: jaccardSum / score.answers, missed: score.missed.sort((a, b) => a.jaccard - b.jaccard) },
    ]),
  );
}

/** The auto-pause rule: only once the member gave `minAnswers` gold answers, and only below the threshold. */
export function shouldPause(score: Pick<GoldScore, "answers" | "jaccard">, rule: { pauseBelow: number | null; minAnswers: number }): boolean {
  return rule.pauseBelow !== null && score.answers >= rule.minAnswers && score.jaccard !== null && score.jaccard < rule.pauseBelow;
}

/** How many gold images a queue of `regular` images gets for a gold share (their part of the whole queue). */
export function goldCount(regular: number, share: number, available: number): number {
  if (share <= 0 || regular === 0) return 0;
  return Math.min(available, Math.max(1, Math.round((regular * share) / (1 - share))));
}
