import { z } from "zod";
import type { Db } from "@/lib/db";
import { defineJobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { refreshSuspectScoresOf } from "@/lib/suspects/store";

export const suspectsDedupKey = (dataset: string) => `suspects:${dataset}`;

/**
 * Recomputes a dataset's stored suspect scores; queued after imports and duplicate verdicts,
 * runnable from anywhere. A queued refresh has read nothing yet, so later requests join it (many
 * imports in a row refresh once); a running one may have read the data before the change that
 * asks again, so that request queues one follow-up behind it.
 */
export const suspectsJob = defineJobKind({
  name: "suspects",
  background: true,
  payload: z.object({ dataset: z.string().min(1).max(100) }),
  title: (payload) => `Suspect scores · ${payload.dataset}`,
  dedupKey: (payload) => suspectsDedupKey(payload.dataset),
  followUp: true,
  maxAttempts: 3,
  async run(payload, ctx) {
    ctx.progress(null, null, "computing suspect scores");
    const refreshed = await refreshSuspectScoresOf(ctx.db, payload.dataset);
    ctx.progress(refreshed?.images ?? 0, refreshed?.images ?? 0, `${(refreshed?.images ?? 0).toLocaleString("en")} images scored`);
    return refreshed;
  },
});

/** Queues a refresh of the dataset that holds a duplicate group (after a reviewer's verdict on it). */
export async function queueSuspectRefreshForGroup(db: Db, url: string, groupId: number, userId: number | null) {
  const group = await db.duplicateGroup.findUnique({ where: { id: groupId }, select: { dataset: { select: { slug: true } } } });
  if (group) await enqueueJob(db, url, suspectsJob, { dataset: group.dataset.slug }, userId);
}
