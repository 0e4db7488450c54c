import { DEFAULT_THRESHOLD } from "@/lib/duplicates/grouping";
import { scanImageHashes } from "@/lib/duplicates/scan";
import { groupDuplicates } from "@/lib/duplicates/store-groups";
import { queueEvaluationAfter } from "@/lib/evaluation/evaluation-job";
import { defineJobKind } from "@/lib/jobs/define-job";
import { duplicateScanPayloadSchema } from "@/lib/validation/jobs";

export const duplicateScanDedupKey = (dataset: string) => `duplicate-scan:${dataset}`;

/**
 * Hashing a dataset's images, then regrouping its duplicates, on the queue. Resumable rather than
 * transactional: each batch of fingerprints is stored as it is made, so a cancelled or killed scan
 * keeps what it hashed and the next run (or the retry) hashes only what is still missing; the
 * grouping runs only after the last batch, in its own transaction.
 */
export const duplicateScanJob = defineJobKind({
  name: "duplicate-scan",
  payload: duplicateScanPayloadSchema,
  title: (payload) => `Duplicate scan of ${payload.dataset}`,
  dedupKey: (payload) => duplicateScanDedupKey(payload.dataset),
  maxAttempts: 3,
  async run(payload, ctx) {
    ctx.progress(0, null, "Looking for images not hashed yet");
    const scan = await scanImageHashes(ctx.db, { dataset: payload.dataset }, {
      signal: ctx.signal,
      onProgress: ({ done, total, failed }) => ctx.progress(done, total, `${done.toLocaleString("en")} of ${total.toLocaleString("en")} images hashed${failed ? `, ${failed} undecodable` : ""}`),
    });
    ctx.signal.throwIfAborted();
    ctx.progress(null, null, "Grouping duplicates");
    const groups = await groupDuplicates(ctx.db, { dataset: payload.dataset, threshold: DEFAULT_THRESHOLD });
    ctx.progress(null, null, `${scan.hashed.toLocaleString("en")} images hashed now (${scan.images.toLocaleString("en")} with pixels); ${groups.length.toLocaleString("en")} duplicate groups`);
    // Duplicate groups decide the "× Val / × Cross" columns of the evaluation table.
    await queueEvaluationAfter(ctx, payload.dataset);
    return { images: scan.images, hashed: scan.hashed, failed: scan.failed.length, groups: groups.length };
  },
});
