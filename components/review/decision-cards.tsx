import { Kbd } from "@/components/ui/kbd";
import { describeOutcome } from "@/lib/consensus/describe";
import type { ReviewDecision } from "@/lib/data/review";

const seconds = (ms: number | null) => (ms === null ? "time not recorded" : `${Math.round(ms / 100) / 10} s`);

/** Every annotator's decision side by side, numbered as the keys that take them (reviewers only). */
export function DecisionCards({ decisions, nameOf }: { decisions: ReviewDecision[]; nameOf: (index: number) => string }) {
  if (decisions.length === 0) return <p className="text-sm text-slate-600">No decision yet.</p>;
  return (
    <ol className="grid gap-2" style={{ gridTemplateColumns: `repeat(${Math.min(decisions.length, 3)}, minmax(0, 1fr))` }} aria-label="Decisions">
      {decisions.map((decision, i) => (
        <li key={decision.id} className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
          <p className="flex items-center gap-2 font-medium text-slate-900">
            {i < 9 ? <Kbd aria-hidden>{i + 1}</Kbd> : null}
            <span className="truncate">{decision.annotator}</span>
          </p>
          <p className="mt-1 text-slate-900">{describeOutcome(decision, nameOf)}</p>
          <p className="mt-1 text-xs text-slate-500">
            {seconds(decision.timeSpentMs)} · version {decision.version} · {new Date(decision.updatedAt).toLocaleString("en-GB")}
          </p>
          {decision.notes ? <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-slate-700">“{decision.notes}”</p> : null}
        </li>
      ))}
    </ol>
  );
}
