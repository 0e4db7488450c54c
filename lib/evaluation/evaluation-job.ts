import type { Db } from "@/lib/db";
import { storeEvaluation } from "@/lib/evaluation/stored-evaluation";
import { defineJobKind, type JobContext } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { evaluationJobPayloadSchema } from "@/lib/validation/jobs";

export const evaluationDedupKey = (dataset: string) => `evaluation:${dataset}`;

/**
 * A dataset's evaluation table on the queue: every model under every protocol, stored with the
 * data version it read (lib/evaluation/stored-evaluation.ts). One per dataset at a time: a request
 * while one waits is that one (two imports finishing together share one recomputation); a request
 * while one runs queues one follow-up, since the running one may have read the data before the
 * change. The store is one upsert after the computation, so a killed worker leaves the last table.
 */
export const evaluationJob = defineJobKind({
  name: "evaluation",
  background: true,
  payload: evaluationJobPayloadSchema,
  title: (payload) => `Evaluation of ${payload.dataset}`,
  dedupKey: (payload) => evaluationDedupKey(payload.dataset),
  followUp: true,
  maxAttempts: 3,
  async run(payload, ctx) {
    ctx.progress(0, null, "Reading the protocols' labels");
    const summary = await storeEvaluation(ctx.db, payload.dataset, {
      jobId: ctx.jobId,
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total, `${done} of ${total} models scored`),
    });
    ctx.progress(summary.models, summary.models, `${summary.models} models under ${summary.protocols} protocols, in ${(summary.ms / 1000).toFixed(1)} s`);
    return summary;
  },
});

/** From the Recompute button (or any caller that knows its user). */
export function queueEvaluation(db: Db, url: string, dataset: string, userId: number | null) {
  return enqueueJob(db, url, evaluationJob, { dataset }, userId);
}

/**
 * The last step of a job that changed what evaluation reads (an import, a consensus recomputation,
 * a duplicate scan): queues the recomputation on behalf of whoever queued that job.
 */
export async function queueEvaluationAfter(ctx: Pick<JobContext, "db" | "url" | "jobId">, dataset: string) {
  // A taxonomy import names a dataset that may not exist (yet): nothing to evaluate, and no failed job in the history.
  if (!(await ctx.db.dataset.findUnique({ where: { slug: dataset }, select: { id: true } }))) return null;
  const job = await ctx.db.job.findUnique({ where: { id: ctx.jobId }, select: { createdById: true } });
  return queueEvaluation(ctx.db, ctx.url, dataset, job?.createdById ?? null);
}
