import type { JobRow } from "@/lib/data/jobs";
import { isActiveJob } from "@/lib/jobs/job-state";

export const JOB_STATUS_STYLE: Record<JobRow["status"], string> = {
  RUNNING: "bg-indigo-50 text-indigo-800",
  QUEUED: "bg-slate-100 text-slate-700",
  SUCCEEDED: "bg-emerald-50 text-emerald-800",
  FAILED: "bg-red-50 text-red-800",
  CANCELLED: "bg-amber-50 text-amber-800",
};

export function JobStatusBadge({ status, cancelling }: { status: JobRow["status"]; cancelling?: boolean }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${JOB_STATUS_STYLE[status]}`}>{cancelling && isActiveJob({ status }) ? "cancelling" : status.toLowerCase()}</span>;
}

/** A running job's bar (determinate once its total is known) and its latest message. */
export function JobProgress({ job, label }: { job: Pick<JobRow, "status" | "done" | "total" | "message">; label: string }) {
  return (
    <>
      {job.status === "RUNNING" && <progress aria-label={label} className="mr-2 h-2 w-24 align-middle" {...(job.total ? { value: job.done, max: job.total } : {})} />}
      {job.status === "RUNNING" && job.total ? <span className="mr-2 tabular-nums text-slate-600">{`${job.done.toLocaleString("en")} / ${job.total.toLocaleString("en")}`}</span> : null}
      {job.message}
    </>
  );
}

export const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19) + " UTC";
