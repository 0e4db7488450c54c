import type { Db } from "@/lib/db";
import { evaluationDedupKey, queueEvaluation } from "@/lib/evaluation/evaluation-job";
import { evaluationDataVersion } from "@/lib/evaluation/stored-evaluation";

/**
 * Queues a recomputation for every dataset whose stored evaluation table no longer matches its
 * data and has none waiting or running. Jobs queue one after imports and recomputations, but
 * annotators' submits change the consensus image by image, and queueing from every submit would
 * put a job write on the hot path: the worker sweeps instead (scripts/worker.ts), every few
 * minutes. Datasets never evaluated are left alone: their first table comes with an import.
 */
export async function queueStaleEvaluations(db: Db, url: string): Promise<string[]> {
  const datasets = await db.dataset.findMany({
    where: { evaluation: { isNot: null } },
    select: { id: true, slug: true, evaluation: { select: { dataVersion: true } } },
    orderBy: { id: "asc" },
  });
  const queued: string[] = [];
  for (const dataset of datasets) {
    if ((await evaluationDataVersion(db, dataset.id)) === dataset.evaluation?.dataVersion) continue;
    // One running may have read the data before the change: the next sweep sees whether it did.
    const active = await db.job.count({ where: { dedupKey: evaluationDedupKey(dataset.slug), status: { in: ["QUEUED", "RUNNING"] } } });
    if (active > 0) continue;
    await queueEvaluation(db, url, dataset.slug, null);
    queued.push(dataset.slug);
  }
  return queued;
}
