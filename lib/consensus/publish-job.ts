import { publishDatasetConsensus } from "@/lib/consensus/publish";
import { requireDatasetId } from "@/lib/datasets";
import { queueEvaluationAfter } from "@/lib/evaluation/evaluation-job";
import { defineJobKind } from "@/lib/jobs/define-job";
import { publishConsensusPayloadSchema } from "@/lib/validation/jobs";

export const publishConsensusDedupKey = (dataset: string) => `publish-consensus:${dataset}`;

/**
 * Publishing a dataset's consensus from its campaigns (publishDatasetConsensus, one transaction)
 * on the queue. A request while one waits is that one; one made while a publish runs queues a
 * follow-up, since a resolution made meanwhile must reach the published labels.
 */
export const publishConsensusJob = defineJobKind({
  name: "publish-consensus",
  payload: publishConsensusPayloadSchema,
  title: (payload) => `Publish the consensus of ${payload.dataset}`,
  dedupKey: (payload) => publishConsensusDedupKey(payload.dataset),
  followUp: true,
  maxAttempts: 3,
  async run(payload, ctx) {
    const datasetId = await requireDatasetId(ctx.db, payload.dataset);
    ctx.progress(null, null, "Collecting the campaigns' resolved and agreed images");
    const summary = await publishDatasetConsensus(ctx.db, datasetId);
    ctx.progress(summary.images, summary.images, `Version ${summary.version}: ${summary.images.toLocaleString("en")} ${summary.images === 1 ? "image" : "images"}, ${summary.changed.toLocaleString("en")} changed`);
    // The published consensus is one of the evaluation protocols.
    if (summary.changed > 0) await queueEvaluationAfter(ctx, payload.dataset);
    return summary;
  },
});
