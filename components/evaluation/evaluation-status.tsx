import { JobProgress, JobStatusBadge, when } from "@/components/admin/job-status";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { ActionButton } from "@/components/ui/action-button";
import { recomputeEvaluationAction } from "@/lib/actions/evaluation";
import type { EvaluationState } from "@/lib/data/evaluation";
import { isActiveJob } from "@/lib/jobs/job-state";

/**
 * Whether the stored table matches the data, and the job that computes it: live while one is
 * queued or running, on whichever app server shows the page. Everyone who reads the page may
 * recompute (the action checks data:export itself).
 */
export function EvaluationStatus({ dataset, state }: { dataset: string; state: EvaluationState }) {
  const { job, computedAt, current } = state;
  const active = isActiveJob(job);
  const headline = !computedAt
    ? active ? "Not computed yet — computing" : "Not computed yet"
    : current ? "Up to date" : active ? "Out of date — recomputing" : "Out of date";
  const detail = !computedAt
    ? active ? "The table appears when the job below finishes." : "Recompute to score every model under every protocol."
    : current ? `Computed ${when(computedAt)} from the data as it is now.` : `The data changed since this table was computed (${when(computedAt)}); it stays shown until the new one is stored.${active ? "" : " The worker recomputes it within minutes, or now with Recompute."}`;
  return (
    <section aria-label="Evaluation status" className={`flex flex-wrap items-center gap-3 rounded-lg p-3 text-sm ring-1 ${current ? "bg-white ring-slate-200" : "bg-amber-50 ring-amber-200"}`}>
      {active && <LiveRefresh intervalMs={1000} />}
      <p role="status" className="flex flex-wrap items-baseline gap-2">
        <span className="font-semibold">{headline}</span>
        <span className="text-slate-700">{detail}</span>
      </p>
      {job && (
        <p aria-label="Evaluation job" className="flex flex-wrap items-center gap-2 text-slate-700">
          <span className="text-slate-500">Job {job.id}</span>
          <JobStatusBadge status={job.status} cancelling={job.cancelRequested} />
          <span>
            <JobProgress job={job} label="Evaluation progress" />
          </span>
        </p>
      )}
      {!active && (
        <span className="ml-auto">
          <ActionButton action={recomputeEvaluationAction} input={{ dataset }} variant={current ? "secondary" : "primary"}>
            Recompute
          </ActionButton>
        </span>
      )}
    </section>
  );
}
