import { CancelJobButton } from "@/components/admin/cancel-job-button";
import { JobProgress, JobStatusBadge, when } from "@/components/admin/job-status";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { cancelConsensusJobAction } from "@/lib/actions/review";
import type { JobRow } from "@/lib/data/jobs";
import { isActiveJob } from "@/lib/jobs/job-state";

interface Props {
  campaignId: number;
  job: JobRow | null;
  canCancel: boolean;
  /** Named where several campaigns' recomputations are listed (the review queue). */
  campaignName?: string;
  /** False where the page refreshes itself once for several of these. */
  refresh?: boolean;
}

/** The campaign's latest recomputation: live while it is queued or running, on whichever app server shows the page. */
export function ConsensusJobStatus({ campaignId, job, canCancel, campaignName, refresh = true }: Props) {
  if (!job) return null;
  const active = isActiveJob(job);
  const name = campaignName === undefined ? "Recomputation" : `Recomputation of “${campaignName}”`;
  return (
    <p role="status" aria-label={name} className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      {active && refresh && <LiveRefresh intervalMs={1000} />}
      <span className="font-medium">{name}</span>
      <JobStatusBadge status={job.status} cancelling={job.cancelRequested} />
      <span>
        <JobProgress job={job} label="Recomputation progress" />
      </span>
      <span className="text-xs text-slate-500">{when(job.finishedAt ?? job.createdAt)}</span>
      {active && canCancel && !job.cancelRequested && <CancelJobButton action={cancelConsensusJobAction} input={{ campaignId, jobId: job.id }} label="Cancel the recomputation" />}
    </p>
  );
}
