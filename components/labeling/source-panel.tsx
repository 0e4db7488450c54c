import { useId, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { distinctName, type ClassLookup } from "@/lib/labeling/class-lookup";
import { STATUS_TEXT, formatScore } from "@/lib/labeling/source-format";
import { describeVerdict } from "@/lib/labeling/verdict-notes";
import type { ImageHintView, ModelPrediction, SourceVerdict } from "@/lib/labeling/types";

export interface SourcePanelProps {
  verdicts: SourceVerdict[];
  predictions: ModelPrediction[];
  hints: ImageHintView[];
  lookup: ClassLookup;
  duplicates: ReadonlySet<string>;
}

/** Every source's own verdict, side by side, so experts can see who said what (not only the merged list). */
export function SourcePanel({ verdicts, predictions, hints, lookup, duplicates }: SourcePanelProps) {
  const name = (index: number) => distinctName(lookup, duplicates, index);
  const headingId = useId();
  const empty = verdicts.length === 0 && predictions.length === 0 && hints.length === 0;

  return (
    <section aria-labelledby={headingId} className="px-4 py-3">
      <h2 id={headingId} className="mb-2 text-sm font-semibold text-slate-900">
        Sources
      </h2>
      {empty ? (
        <p className="text-sm text-slate-600">No prior labels are shown for this image (blind campaign or not covered).</p>
      ) : (
        <div className="space-y-3">
          {verdicts.length > 0 ? (
            <SourceGroup title="Labels">
              {verdicts.map((verdict) => (
                <SourceRow key={verdict.source} title={verdict.title} kind={verdict.kind === "ORIGINAL" ? "original" : verdict.source}>
                  {verdict.status === "LABELED" && verdict.classes.length > 0 ? (
                    <span>{verdict.classes.map(name).join(", ")}</span>
                  ) : (
                    <Badge tone={verdict.status === "LABELED" ? "neutral" : "warning"}>{STATUS_TEXT[verdict.status]}</Badge>
                  )}
                  {verdict.status !== "LABELED" && verdict.classes.length > 0 ? (
                    <span className="ml-1.5">{verdict.classes.map(name).join(", ")}</span>
                  ) : null}
                  <VerdictNotes notes={describeVerdict(verdict.votes, verdict.details, name)} />
                </SourceRow>
              ))}
            </SourceGroup>
          ) : null}
          {predictions.length > 0 ? (
            <SourceGroup title="Models">
              {predictions.map((prediction) => (
                <SourceRow key={prediction.source} title={prediction.title} kind={prediction.source}>
                  <ol className="flex flex-wrap gap-x-3 gap-y-0.5">
                    {prediction.classes.map((classIndex, rank) => {
                      const score = prediction.scores[rank];
                      return (
                        <li key={`${rank}-${classIndex}`}>
                          <span className="text-slate-500">{rank + 1}.</span> {name(classIndex)}
                          {score !== undefined ? <span className="text-slate-500 tabular-nums"> {formatScore(score)}</span> : null}
                        </li>
                      );
                    })}
                  </ol>
                </SourceRow>
              ))}
            </SourceGroup>
          ) : null}
          {hints.length > 0 ? (
            <SourceGroup title="Hints">
              {hints.map((hint, i) => (
                <SourceRow key={`${hint.source}-${i}`} title={hint.title} kind={hint.source}>
                  {hint.classIndex !== null ? <span>Predicted {name(hint.classIndex)}. </span> : null}
                  <span className="text-slate-600">
                    {hint.category}
                    {hint.severity ? ` (${hint.severity})` : ""}
                  </span>
                </SourceRow>
              ))}
            </SourceGroup>
          ) : null}
        </div>
      )}
    </section>
  );
}

function SourceGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      <dl className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">{children}</dl>
    </div>
  );
}

function SourceRow({ title, kind, children }: { title: string; kind: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(7rem,38%)_1fr] gap-3 px-3 py-1.5 text-sm">
      <dt className="min-w-0">
        <span className="block truncate font-medium text-slate-800" title={title}>
          {title}
        </span>
        <span className="block truncate text-xs text-slate-500">{kind}</span>
      </dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

function VerdictNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="mt-0.5 text-slate-600">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
