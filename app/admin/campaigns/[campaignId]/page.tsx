import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignStatusButton } from "@/components/campaigns/campaign-status-button";
import { ConsensusJobStatus } from "@/components/campaigns/consensus-job-status";
import { ConsensusRuleForm } from "@/components/campaigns/consensus-rule-form";
import { GoldPanel } from "@/components/gold/gold-panel";
import { consensusDedupKey } from "@/lib/consensus/consensus-job";
import { requirePagePermission } from "@/lib/auth/session";
import { getCampaignConsensus } from "@/lib/data/campaign-consensus";
import { getCampaignProgress } from "@/lib/data/campaign-progress";
import { getCampaignGoldReport } from "@/lib/data/gold";
import { findLatestJob } from "@/lib/data/jobs";
import { parseId } from "@/lib/validation/route-params";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requirePagePermission("campaign:manage");
  const id = parseId((await params).campaignId);
  const progress = id === null ? null : await getCampaignProgress(id);
  if (!progress) notFound();
  const [consensus, gold, recomputation] = await Promise.all([
    getCampaignConsensus(progress.id),
    getCampaignGoldReport(user, progress.id),
    findLatestJob(consensusDedupKey(progress.id)),
  ]);
  if (!consensus) notFound();
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{progress.name}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700">{progress.status.toLowerCase()}</span>
        <div className="ml-auto flex items-center gap-3">
          <Link href={`/review/agreement?campaign=${progress.id}`} className="text-sm font-medium text-indigo-700 hover:underline">
            Agreement
          </Link>
          <CampaignStatusButton campaignId={progress.id} status={progress.status} />
        </div>
      </div>
      <p className="text-sm text-slate-600">
        {progress.annotatorsPerImage} annotator{progress.annotatorsPerImage > 1 ? "s" : ""} per image · {progress.showPriorLabels ? "prior labels shown" : "blind pass"}
        {progress.goldImages > 0 && ` · ${progress.goldImages.toLocaleString("en")} gold image${progress.goldImages > 1 ? "s" : ""} besides, shown to every member and not counted below`}
      </p>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {[["Images", progress.images], ["Done", progress.done], ["In progress", progress.inProgress], ["Left", progress.left]].map(([label, value]) => (
          <div key={label} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{Number(value).toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="consensus-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <div className="flex items-baseline gap-4">
          <h2 id="consensus-heading" className="font-semibold">
            Consensus
          </h2>
          <p className="text-sm text-slate-600">
            {(
              [["agreed", consensus!.byStatus.agreed], ["disagreed", consensus!.byStatus.disagreed], ["resolved", consensus!.byStatus.resolved], ["excluded", consensus!.byStatus.excluded], ["in progress", consensus!.byStatus.inProgress], ["unlabeled", consensus!.byStatus.unlabeled]] as const
            )
              .map(([label, n]) => `${n.toLocaleString("en")} ${label}`)
              .join(" · ")}
          </p>
          <Link href={`/review?campaign=${progress.id}`} className="ml-auto text-sm text-indigo-700 underline">
            Review queue
          </Link>
        </div>
        <ConsensusRuleForm campaignId={progress.id} rule={consensus.rule} quorum={consensus.quorum} />
        <ConsensusJobStatus campaignId={progress.id} job={recomputation} canCancel />
      </section>
      {gold && (gold.goldImages > 0 || gold.annotators.some((row) => row.paused)) && <GoldPanel report={gold} />}
      <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
        <caption className="sr-only">Progress per annotator</caption>
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2 font-medium">Annotator</th>
            <th className="px-3 py-2 text-right font-medium">Labeled</th>
            <th className="px-3 py-2 text-right font-medium">Skipped</th>
            <th className="px-3 py-2 text-right font-medium">Holding</th>
            <th className="px-3 py-2 text-right font-medium">Median time per image</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {progress.annotators.map((annotator) => (
            <tr key={annotator.userId}>
              <td className="px-3 py-2">{annotator.name} <span className="text-slate-500">{annotator.email}</span></td>
              <td className="px-3 py-2 text-right tabular-nums">{annotator.submitted}</td>
              <td className="px-3 py-2 text-right tabular-nums">{annotator.skipped}</td>
              <td className="px-3 py-2 text-right tabular-nums">{annotator.inProgress}</td>
              <td className="px-3 py-2 text-right tabular-nums">{annotator.medianSeconds === null ? "–" : `${annotator.medianSeconds} s`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
