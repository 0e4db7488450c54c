import Link from "next/link";
import { SuspectScoreCell } from "@/components/suspects/suspect-formula";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { describeOutcome } from "@/lib/consensus/describe";
import type { QueueRow } from "@/lib/data/review-queue";
import type { ConsensusStatus } from "@/lib/generated/prisma/enums";
import { queueSearch, reviewHref } from "@/lib/review/queue-url";
import type { QueueParams } from "@/lib/validation/review";

export const STATUS_TONE: Record<ConsensusStatus, BadgeTone> = {
  UNLABELED: "outline",
  IN_PROGRESS: "neutral",
  AGREED: "success",
  DISAGREED: "danger",
  RESOLVED: "accent",
  EXCLUDED: "warning",
};

export const statusText = (status: ConsensusStatus) => status.toLowerCase().replace("_", " ");
const fixed = (value: number | null) => (value === null ? "–" : value.toFixed(2));

export function QueueTable({ rows, names, params }: { rows: QueueRow[]; names: Map<number, string>; params: QueueParams }) {
  const nameOf = (index: number) => names.get(index) ?? `class ${index}`;
  return (
    <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
      <caption className="sr-only">Images to review, ranked</caption>
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr>
          <th className="px-3 py-2 font-medium">Image</th>
          <th className="px-3 py-2 font-medium">Campaign</th>
          <th className="px-3 py-2 font-medium">Status</th>
          <th className="px-3 py-2 font-medium">Decisions</th>
          <th className="px-3 py-2 text-right font-medium">Agreement</th>
          <th className="px-3 py-2 text-right font-medium">vs sources</th>
          <th className="px-3 py-2 text-right font-medium">Score</th>
          <th className="px-3 py-2 text-right font-medium" aria-sort={params.sort === "suspect-desc" ? "descending" : undefined}>
            {/* Sorting is list state in the URL, like the filters: the header is a link. */}
            <Link href={`/review${queueSearch(params, { sort: params.sort === "suspect-desc" ? "score-desc" : "suspect-desc", page: 1 })}`} className="underline decoration-dotted">
              Suspect{params.sort === "suspect-desc" ? " ↓" : ""}
            </Link>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={`${row.campaignId}-${row.imageId}`} className="align-top">
            <td className="px-3 py-2">
              <Link href={reviewHref(row.imageId, row.campaignId, params)} className="font-medium text-indigo-700 underline">
                {row.fileKey}
              </Link>
              <Link href={`/review/${row.imageId}/timeline`} className="ml-2 text-xs text-slate-500 underline">
                timeline
              </Link>
            </td>
            <td className="px-3 py-2 text-slate-700">{row.campaignName}</td>
            <td className="px-3 py-2">
              <Badge tone={STATUS_TONE[row.status]}>{statusText(row.status)}</Badge>
              {row.changedSinceResolved ? <Badge tone="warning" className="ml-1">changed since resolved</Badge> : null}
            </td>
            <td className="px-3 py-2">
              <ul className="space-y-0.5">
                {row.decisions.map((decision, i) => (
                  <li key={i}>
                    <span className="text-slate-500">{decision.name}:</span>{" "}
                    {describeOutcome({ classes: decision.classes, ambiguity: decision.ambiguity, candidateClasses: [], outsideLabels: decision.outsideLabels }, nameOf)}
                  </li>
                ))}
              </ul>
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{fixed(row.agreement)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{fixed(row.sourceDisagreement)}</td>
            <td className="px-3 py-2 text-right font-medium tabular-nums">{row.score.toFixed(2)}</td>
            <td className="px-3 py-2 text-right">
              <SuspectScoreCell score={row.suspectScore} parts={row.suspectParts} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
