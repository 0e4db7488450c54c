import { consensusJob } from "@/lib/consensus/consensus-job";
import { publishConsensusJob } from "@/lib/consensus/publish-job";
import { duplicateScanJob } from "@/lib/duplicates/scan-job";
import { evaluationJob } from "@/lib/evaluation/evaluation-job";
import { exportJob } from "@/lib/export/export-job";
import { importJob } from "@/lib/import/jobs";
import type { JobKind } from "@/lib/jobs/define-job";
import { suspectsJob } from "@/lib/suspects/job";

/**
 * Every job kind a worker runs. A long task becomes a job by wrapping its plain async function
 * (taking a signal and a progress callback) in defineJobKind, as lib/consensus/consensus-job.ts
 * does, and listing it here.
 */
export const JOB_KINDS: readonly JobKind[] = [importJob, exportJob, consensusJob, duplicateScanJob, suspectsJob, evaluationJob, publishConsensusJob].map((kind) => kind as JobKind);

export function findJobKind(name: string): JobKind | undefined {
  return JOB_KINDS.find((kind) => kind.name === name);
}
