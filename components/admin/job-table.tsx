import { CancelJobButton } from "@/components/admin/cancel-job-button";
import { CreatedByCell, HistoryTable } from "@/components/admin/history-table";
import { JobProgress, JobStatusBadge } from "@/components/admin/job-status";
import type { ActionResult } from "@/lib/actions/action-result";
import type { JobRow } from "@/lib/data/jobs";
import { isActiveJob as active } from "@/lib/jobs/job-state";

/** A job history, newest first (the imports page's, and every kind's on /admin/jobs). */
interface Props {
  jobs: JobRow[];
  cancel: (input: { jobId: number }) => Promise<ActionResult<unknown>>;
  empty: string;
  showKind?: boolean;
  title?: string;
  /** Link to every kind's history on /admin/jobs. */
  allJobs?: boolean;
}

export function JobTable({ jobs, cancel, empty, showKind = true, title = "History", allJobs }: Props) {
  const columns = [{ label: "#" }, ...(showKind ? [{ label: "Kind" }] : []), { label: "Job" }, { label: "Status" }, { label: "Progress / result" }, { label: "Attempts", numeric: true }, { label: "By, when" }, { label: "" }];
  return (
    <HistoryTable id="job-history" title={title} columns={columns} count={jobs.length} empty={empty} live={jobs.some(active)} allJobs={allJobs}>
      {jobs.map((job) => (
        <tr key={job.id}>
          <td className="px-3 py-2 tabular-nums text-slate-500">{job.id}</td>
          {showKind && <td className="px-3 py-2 font-medium">{job.kind}</td>}
          <td className="max-w-xs truncate px-3 py-2 text-slate-700" title={job.title}>
            {job.title}
          </td>
          <td className="px-3 py-2">
            <JobStatusBadge status={job.status} cancelling={job.cancelRequested} />
          </td>
          <td className="px-3 py-2 text-slate-700">
            <JobProgress job={job} label={`Job ${job.id} progress`} />
          </td>
          <td className="px-3 py-2 text-right tabular-nums text-slate-600">{job.attempts}</td>
          <CreatedByCell by={job.createdBy} at={job.createdAt} />
          <td className="px-3 py-2 text-right">{active(job) && !job.cancelRequested && <CancelJobButton action={cancel} input={{ jobId: job.id }} label={`Cancel job ${job.id}`} />}</td>
        </tr>
      ))}
    </HistoryTable>
  );
}
