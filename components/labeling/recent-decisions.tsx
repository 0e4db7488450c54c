import Link from "next/link";
import { SearchSection } from "@/components/ui/search-section";
import type { MyDecisionRow } from "@/lib/data/my-decisions";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { AMBIGUITY_LABELS } from "@/lib/validation/decision";

/**
 * The user's latest decisions, searchable. `showTimeline` only for reviewers: the timeline shows
 * other people's decisions, which annotators must not see.
 */
export function RecentDecisions({ decisions, query, showTimeline = false }: { decisions: MyDecisionRow[]; query: string; showTimeline?: boolean }) {
  return (
    <SearchSection
      id="recent-decisions"
      title="My recent decisions"
      param="q"
      query={query}
      label="Search my decisions"
      placeholder="File, class, wnid or label"
      count={decisions.length}
      empty={query ? `No decision matches “${query}”.` : "No decisions yet."}
    >
      {decisions.map((decision) => (
        <li key={`${decision.campaignId}-${decision.imageId}`} className="flex items-center gap-4 px-4 py-2">
          <Link href={`/label/${decision.campaignId}/${decision.imageId}`} className="font-mono text-indigo-700 hover:underline">
            {decision.fileKey}
          </Link>
          <span className="min-w-0 flex-1 truncate">
            {[
              ...decision.classNames,
              ...(decision.ambiguity ? [`ambiguous: ${AMBIGUITY_LABELS[decision.ambiguity as AmbiguityReason].toLowerCase()}${decision.candidateNames.length ? ` (${decision.candidateNames.join(", ")})` : ""}`] : []),
              ...decision.outsideLabels.map((label) => `not in ImageNet: ${label}`),
            ].join(" · ")}
          </span>
          <span className="text-slate-500">{decision.campaignName}</span>
          {decision.timeSpentMs !== null && <span className="tabular-nums text-slate-500">{(decision.timeSpentMs / 1000).toFixed(1)} s</span>}
          {showTimeline && (
            <Link href={`/review/${decision.imageId}/timeline`} className="text-xs text-slate-500 underline" aria-label={`Timeline of ${decision.fileKey}`}>
              timeline
            </Link>
          )}
        </li>
      ))}
    </SearchSection>
  );
}
