import Link from "next/link";
import { CancelJobButton } from "@/components/admin/cancel-job-button";
import { JobProgress, JobStatusBadge, when } from "@/components/admin/job-status";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { ActionButton } from "@/components/ui/action-button";
import { cancelDuplicateScanAction, startDuplicateScanAction } from "@/lib/actions/duplicates";
import type { HashingCoverage } from "@/lib/data/duplicates";
import type { JobRow } from "@/lib/data/jobs";
import { isActiveJob } from "@/lib/jobs/job-state";

/**
 * The dataset's latest hashing scan, live while it runs; admins start or cancel one here (on the
 * duplicates page, and on the imports page, where a freshly imported dataset wants one).
 */
export function ScanPanel({ dataset, job, coverage, canStart, groupsLink = false }: { dataset: string; job: JobRow | null; coverage: HashingCoverage; canStart: boolean; groupsLink?: boolean }) {
  const active = isActiveJob(job);
  return (
    <section aria-label="Duplicate scan" className="flex flex-wrap items-center gap-3 rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
      {active && <LiveRefresh intervalMs={1000} />}
      <span className="font-medium">Scan of {dataset}</span>
      {job ? (
        <span role="status" className="flex flex-wrap items-center gap-2 text-slate-700">
          <JobStatusBadge status={job.status} cancelling={job.cancelRequested} />
          <span>
            <JobProgress job={job} label="Scan progress" />
          </span>
          <span className="text-xs text-slate-500">{when(job.finishedAt ?? job.createdAt)}</span>
        </span>
      ) : (
        <span className="text-slate-600">No scan started here (the CLI&apos;s <code>duplicates scan</code> does the same).</span>
      )}
      <span className="text-slate-600">
        {coverage.hashed.toLocaleString("en")} of {coverage.images.toLocaleString("en")} images hashed
        {coverage.lastHashedAt && <>, the last at {when(coverage.lastHashedAt)}</>}
      </span>
      {groupsLink && (
        <Link href="/duplicates" className="text-indigo-700 underline">
          Duplicate groups
        </Link>
      )}
      {canStart && (
        <span className="ml-auto">
          {active ? !job!.cancelRequested && <CancelJobButton action={cancelDuplicateScanAction} input={{ jobId: job!.id }} label="Cancel the scan" /> : (
            <ActionButton action={startDuplicateScanAction} input={{ dataset }} variant="primary">
              Scan for duplicates
            </ActionButton>
          )}
        </span>
      )}
    </section>
  );
}
