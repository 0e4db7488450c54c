/** Short texts for sources on the labeling screen, shared by the candidate list and the source panel. */
import type { CandidateBadge, SourceVerdict } from "@/lib/labeling/types";

/** Scores are probabilities in [0, 1]; below 1% they would all read "0%", so keep one decimal there. */
export function formatScore(score: number): string {
  const percent = score * 100;
  if (percent > 0 && percent < 1) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

/** "resnet50 87%", "alexnet #3", "real": the badge's short name plus the strength a model gave. */
export function badgeText(badge: CandidateBadge): string {
  if (badge.score !== undefined) return `${badge.source} ${formatScore(badge.score)}`;
  if (badge.kind === "MODEL" && badge.rank !== undefined && badge.rank > 1) return `${badge.source} #${badge.rank}`;
  return badge.source;
}

/** Full description for the tooltip and screen readers. */
export function badgeDescription(badge: CandidateBadge): string {
  const parts = [badge.title];
  if (badge.rank !== undefined) parts.push(`rank ${badge.rank}`);
  if (badge.score !== undefined) parts.push(`score ${formatScore(badge.score)}`);
  return parts.join(", ");
}

export const STATUS_TEXT: Record<SourceVerdict["status"], string> = {
  LABELED: "Labeled",
  NONE_FIT: "No label fits",
  NO_CONSENSUS: "No consensus",
  PROBLEMATIC: "Problematic image",
};
