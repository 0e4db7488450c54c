import Link from "next/link";
import type { MyDecisionRow } from "@/lib/data/my-decisions";
import { AMBIGUITY_LABELS, type AmbiguityReason } from "@/lib/validation/decision";

/** The user's latest decisions, searchable (a GET form: the query lives in the URL). */
export function RecentDecisions({ decisions, query }: { decisions: MyDecisionRow[]; query: string }) {
  return (
    <section aria-labelledby="recent-decisions" className="space-y-3">
      <div className="flex items-center gap-4">
        <h2 id="recent-decisions" className="text-lg font-semibold">My recent decisions</h2>
        <form role="search" className="ml-auto">
          <input
            name="q"
            defaultValue={query}
            aria-label="Search my decisions"
            placeholder="File, class, wnid or label"
            className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-100"
          />
        </form>
      </div>
      {decisions.length === 0 ? (
        <p className="text-sm text-slate-600">{query ? `No decision matches “${query}”.` : "No decisions yet."}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white text-sm ring-1 ring-slate-200">
          {decisions.map((decision) => (
            <li key={`${decision.campaignId}-${decision.imageId}`} className="flex items-center gap-4 px-4 py-2">
              <Link href={`/label/${decision.campaignId}/${decision.imageId}`} className="font-mono text-indigo-700 hover:underline">
                {decision.fileKey}
              </Link>
              <span className="min-w-0 flex-1 truncate">
                {[
                  ...decision.classNames,
                  ...(decision.ambiguity ? [`ambiguous: ${AMBIGUITY_LABELS[decision.ambiguity as AmbiguityReason].toLowerCase()}`] : []),
                  ...decision.outsideLabels.map((label) => `not in ImageNet: ${label}`),
                ].join(" · ")}
              </span>
              <span className="text-slate-500">{decision.campaignName}</span>
              {decision.timeSpentMs !== null && <span className="tabular-nums text-slate-500">{(decision.timeSpentMs / 1000).toFixed(1)} s</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
