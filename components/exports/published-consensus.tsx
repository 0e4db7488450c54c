import { JobProgress, JobStatusBadge, when } from "@/components/admin/job-status";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { ActionButton } from "@/components/ui/action-button";
import { TitledSection } from "@/components/ui/titled-section";
import { publishConsensusAction } from "@/lib/actions/review";
import type { PublishedConsensus } from "@/lib/data/exports";
import { isActiveJob } from "@/lib/jobs/job-state";

/**
 * A dataset scope exports the published consensus, which campaigns do not update by themselves:
 * each dataset's published version, and (for reviewers) the button that publishes it again.
 */
export function PublishedConsensusTable({ datasets, canPublish }: { datasets: PublishedConsensus[]; canPublish: boolean }) {
  return (
    <TitledSection id="published-consensus" title="Dataset consensus">
      {datasets.some((dataset) => isActiveJob(dataset.job)) && <LiveRefresh intervalMs={1000} />}
      <p className="text-sm text-slate-600">
        A dataset&apos;s export holds its published consensus: per image, the latest reviewer resolution of any of its campaigns, else the latest
        agreed consensus. Publishing again takes in what was settled since.
      </p>
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 font-medium">Dataset</th>
            <th className="py-1 font-medium">Published</th>
            <th className="py-1 font-medium">Last publish</th>
            {canPublish && <th className="py-1 font-medium"><span className="sr-only">Publish</span></th>}
          </tr>
        </thead>
        <tbody>
          {datasets.map(({ slug, name, published, job }) => (
            <tr key={slug} className="border-t border-slate-100">
              <td className="py-2">{name} <span className="text-slate-500">({slug})</span></td>
              <td className="py-2">
                {published ? `version ${published.version}: ${published.images.toLocaleString("en")} ${published.images === 1 ? "image" : "images"}, ${when(published.at)}` : "not published yet"}
              </td>
              <td className="py-2">
                {job ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <JobStatusBadge status={job.status} cancelling={job.cancelRequested} />
                    <JobProgress job={job} label={`Publishing ${slug}`} />
                  </span>
                ) : (
                  "—"
                )}
              </td>
              {canPublish && (
                <td className="py-2 text-right">
                  <ActionButton action={publishConsensusAction} input={{ dataset: slug }} label={`Publish the consensus of ${slug}`}>
                    Publish
                  </ActionButton>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TitledSection>
  );
}
