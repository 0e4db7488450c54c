import { Badge } from "@/components/ui/badge";
import { STATUS_TONE, statusText } from "@/components/review/queue-table";
import { describeOutcome } from "@/lib/consensus/describe";
import type { ConsensusView } from "@/lib/data/review";

const fixed = (value: number | null) => (value === null ? "–" : value.toFixed(2));

function resultOf(entry: Pick<ConsensusView, "status" | "classes" | "ambiguity" | "candidateClasses" | "outsideLabels" | "excludeReason">, nameOf: (index: number) => string) {
  if (entry.status === "EXCLUDED") return `excluded: ${entry.excludeReason ?? ""}`;
  if (entry.status === "AGREED" || entry.status === "RESOLVED") return describeOutcome(entry, nameOf);
  return "";
}

/** The image's consensus in this campaign and every change to it, newest first. */
export function ConsensusPanel({ consensus, nameOf }: { consensus: ConsensusView | null; nameOf: (index: number) => string }) {
  if (!consensus || consensus.version === 0) return <p className="text-sm text-slate-600">No consensus yet: nobody has labeled this image.</p>;
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={STATUS_TONE[consensus.status]}>{statusText(consensus.status)}</Badge>
        {consensus.changedSinceResolved ? <Badge tone="warning">changed since resolved</Badge> : null}
        <span className="font-medium text-slate-900">{resultOf(consensus, nameOf)}</span>
      </p>
      <p className="text-slate-600">
        {consensus.method}
        {consensus.resolvedBy ? ` by ${consensus.resolvedBy}` : ""} · agreement {fixed(consensus.agreement)} · vs sources {fixed(consensus.sourceDisagreement)} · score{" "}
        {consensus.score.toFixed(2)} · version {consensus.version}
      </p>
      <h3 className="pt-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">History</h3>
      <ol aria-label="Consensus history" className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
        {consensus.history.map((entry) => (
          <li key={entry.version} className="px-3 py-1.5">
            <span className="text-slate-500 tabular-nums">v{entry.version}</span> <Badge tone={STATUS_TONE[entry.status]}>{statusText(entry.status)}</Badge>{" "}
            {resultOf(entry, nameOf)} <span className="text-slate-500">· {entry.reviewer ?? "computed"} · {entry.method} · {new Date(entry.at).toLocaleString("en-GB")}</span>
            {entry.note ? <span className="block text-slate-600">{entry.note}</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
