import type { Metadata } from "next";
import Link from "next/link";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { ConsensusJobStatus } from "@/components/campaigns/consensus-job-status";
import { QueueFilters } from "@/components/review/queue-filters";
import { QueueTable } from "@/components/review/queue-table";
import { SuspectFormula } from "@/components/suspects/suspect-formula";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listActiveRecomputations } from "@/lib/data/jobs";
import { getClassNames } from "@/lib/data/review";
import { QUEUE_PAGE_SIZE, getQueueFilterOptions, listReviewQueue } from "@/lib/data/review-queue";
import { queueSearch } from "@/lib/review/queue-url";
import { queueParamsSchema } from "@/lib/validation/review";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("review:read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]));
  const params = queueParamsSchema.parse(raw);
  const [{ rows, total }, options, recomputations] = await Promise.all([listReviewQueue(params), getQueueFilterOptions(), listActiveRecomputations(params.campaign)]);
  const names = await getClassNames(rows.flatMap((row) => [...row.classes, ...row.decisions.flatMap((d) => d.classes)]));
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));

  return (
    <main className="mx-auto max-w-7xl space-y-5 px-4 py-8">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Review queue</h1>
        <p className="text-slate-600">
          {total.toLocaleString("en")} image{total === 1 ? "" : "s"}
        </p>
        <Link href="/review/agreement" className="ml-auto text-sm text-indigo-700 underline">
          Agreement statistics
        </Link>
      </div>
      {recomputations.length > 0 && (
        // The list below changes when these finish; the page follows them (every 2 s: the queue's query is not free).
        <div className="space-y-1 rounded-lg bg-indigo-50 px-3 py-2 ring-1 ring-indigo-100">
          <LiveRefresh intervalMs={2000} />
          {recomputations.map((r) => (
            <ConsensusJobStatus key={r.campaignId} campaignId={r.campaignId} campaignName={r.campaignName} job={r.job} canCancel={can(user, "campaign:manage")} refresh={false} />
          ))}
        </div>
      )}
      <details className="rounded-lg bg-white p-3 text-sm text-slate-700 ring-1 ring-slate-200" open>
        <summary className="cursor-pointer font-medium text-slate-900">How images are ranked</summary>
        <p className="mt-2">
          <strong>score = ½ · (1 − A) + ½ · S</strong>, where <strong>A</strong> (agreement) = 1 − the mean pairwise Jaccard distance between the
          annotators&apos; outcomes (their classes, “ambiguous” and labels outside ImageNet, as sets), and <strong>S</strong> (vs sources) = the mean
          Jaccard distance between each decision&apos;s class set and each prior source&apos;s: the original label, each study&apos;s set and each
          model&apos;s top-1. When only one part exists (a single decision, or no source covers the image) the score is that part. Jaccard
          distance = 1 − |X ∩ Y| / |X ∪ Y|.
        </p>
        <p className="mt-2">
          The <strong>Suspect</strong> column says how likely the image&apos;s original label is wrong, from what was imported before anyone labeled
          it (open a score to see its parts; sort or filter on it above).
        </p>
        <SuspectFormula />
      </details>
      <QueueFilters params={params} options={options} />
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center text-slate-600 ring-1 ring-slate-200">No image matches these filters.</p>
      ) : (
        <QueueTable rows={rows} names={names} params={params} />
      )}
      <nav aria-label="Pages" className="flex items-center justify-center gap-4 text-sm">
        {params.page > 1 ? (
          <Link href={`/review${queueSearch(params, { page: params.page - 1 })}`} className="text-indigo-700 underline">
            Previous page
          </Link>
        ) : null}
        <span className="text-slate-600">
          Page {params.page} of {pages}
        </span>
        {params.page < pages ? (
          <Link href={`/review${queueSearch(params, { page: params.page + 1 })}`} className="text-indigo-700 underline">
            Next page
          </Link>
        ) : null}
      </nav>
    </main>
  );
}
