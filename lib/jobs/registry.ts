import { importJob } from "@/lib/import/jobs";
import type { JobKind } from "@/lib/jobs/define-job";

/**
 * Every job kind a worker runs. A long task becomes a job by wrapping its plain async function:
 *   defineJobKind({ name: "consensus", payload: z.object({ campaignId: z.number() }),
 *     title: (p) => `Consensus of campaign ${p.campaignId}`, dedupKey: (p) => `consensus:${p.campaignId}`,
 *     run: (p, ctx) => recomputeConsensus(ctx.db, p, { signal: ctx.signal, onProgress: ctx.progress }) })
 * and listing it here.
 */
export const JOB_KINDS: readonly JobKind[] = [importJob as JobKind];

export function findJobKind(name: string): JobKind | undefined {
  return JOB_KINDS.find((kind) => kind.name === name);
}
