/**
 * Merges every source's proposals for one image into the numbered candidate list of the
 * labeling screen. Pure: runs on the server (lib/data) and in tests alike.
 */
import type {
  Candidate,
  CandidateBadge,
  ImageHintView,
  ModelPrediction,
  SourceVerdict,
} from "@/lib/labeling/types";

interface Support {
  classIndex: number;
  firstSeen: number;
  original: CandidateBadge[];
  studies: CandidateBadge[];
  models: CandidateBadge[];
}

const isClassIndex = (value: number) => Number.isInteger(value) && value >= 0;

function bestRank(badges: CandidateBadge[]): number {
  let best = Infinity;
  for (const badge of badges) if (badge.rank !== undefined && badge.rank < best) best = badge.rank;
  return best;
}

function bestScore(badges: CandidateBadge[]): number {
  let best = -Infinity;
  for (const badge of badges) if (badge.score !== undefined && badge.score > best) best = badge.score;
  return best;
}

function byRankThenScore(a: CandidateBadge, b: CandidateBadge): number {
  const rank = (a.rank ?? Infinity) - (b.rank ?? Infinity);
  if (rank !== 0 && !Number.isNaN(rank)) return rank;
  return (b.score ?? -Infinity) - (a.score ?? -Infinity) || 0;
}

/**
 * Each class appears once, carrying one badge per source that proposes it: the original label
 * first, then the studies (in the order given), then models by best rank/score.
 *
 * Order: the original label (when `originalFirst`), then classes proposed by more studies, then
 * by best model rank, then best model score, then first appearance. `originalFirst = false` is for
 * campaigns that must not anchor experts on the original label: it then sorts like any class, and
 * only breaks ties ahead of classes no original label proposes.
 *
 * Verdicts of kind STUDY, EXPERT and CONSENSUS count as studies whatever their status: a
 * PROBLEMATIC or NO_CONSENSUS verdict that names classes still names plausible candidates.
 * MODEL verdicts (e.g. cleanlab's cross-validated argmax) rank like a model's top-k, and hints
 * (a strong model's remaining mistake) like a top-1 prediction.
 */
export function mergeCandidates(
  verdicts: SourceVerdict[],
  predictions: ModelPrediction[],
  hints: ImageHintView[],
  originalFirst = true,
): Candidate[] {
  const byClass = new Map<number, Support>();
  const supportFor = (classIndex: number): Support => {
    let support = byClass.get(classIndex);
    if (!support) {
      support = { classIndex, firstSeen: byClass.size, original: [], studies: [], models: [] };
      byClass.set(classIndex, support);
    }
    return support;
  };
  // One badge per (class, source): a source listing a class twice keeps its best rank.
  const addBadge = (list: CandidateBadge[], badge: CandidateBadge) => {
    const existing = list.findIndex((other) => other.source === badge.source);
    if (existing === -1) list.push(badge);
    else if (byRankThenScore(badge, list[existing]!) < 0) list[existing] = badge;
  };

  for (const verdict of verdicts) {
    verdict.classes.forEach((classIndex, position) => {
      if (!isClassIndex(classIndex)) return;
      const support = supportFor(classIndex);
      const badge: CandidateBadge = { source: verdict.source, title: verdict.title, kind: verdict.kind };
      if (verdict.kind === "ORIGINAL") addBadge(support.original, badge);
      else if (verdict.kind === "MODEL") addBadge(support.models, { ...badge, rank: position + 1 });
      else addBadge(support.studies, badge);
    });
  }
  for (const prediction of predictions) {
    prediction.classes.forEach((classIndex, position) => {
      if (!isClassIndex(classIndex)) return;
      const score = prediction.scores[position];
      addBadge(supportFor(classIndex).models, {
        source: prediction.source,
        title: prediction.title,
        kind: "MODEL",
        rank: position + 1,
        ...(score !== undefined && Number.isFinite(score) ? { score } : {}),
      });
    });
  }
  for (const hint of hints) {
    if (hint.classIndex === null || !isClassIndex(hint.classIndex)) continue;
    addBadge(supportFor(hint.classIndex).models, { source: hint.source, title: hint.title, kind: "MODEL", rank: 1 });
  }

  const keyed = [...byClass.values()].map((support) => ({
    support,
    hasOriginal: support.original.length > 0,
    studies: support.studies.length,
    rank: bestRank(support.models),
    score: bestScore(support.models),
  }));
  keyed.sort((a, b) => {
    if (originalFirst && a.hasOriginal !== b.hasOriginal) return a.hasOriginal ? -1 : 1;
    if (a.studies !== b.studies) return b.studies - a.studies;
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.score !== b.score) return b.score - a.score;
    if (a.hasOriginal !== b.hasOriginal) return a.hasOriginal ? -1 : 1;
    return a.support.firstSeen - b.support.firstSeen;
  });

  return keyed.map(({ support }) => ({
    classIndex: support.classIndex,
    badges: [...support.original, ...support.studies, ...[...support.models].sort(byRankThenScore)],
  }));
}
