import "server-only";
import { consensusDedupKey, consensusJob } from "@/lib/consensus/consensus-job";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { shownImportPath } from "@/lib/import/allowed-paths";
import type { ImportSummary } from "@/lib/import/run/context";
import { consensusJobPayloadSchema, importJobPayloadSchema } from "@/lib/validation/jobs";
import { parseId } from "@/lib/validation/route-params";

const JOB_ROW = {
  id: true, kind: true, title: true, status: true, message: true, done: true, total: true, attempts: true, cancelRequested: true,
  workerId: true, createdAt: true, startedAt: true, finishedAt: true, createdBy: { select: { name: true } },
} as const;

/** The job history, newest first: every kind, or one; `importKind` keeps one kind of import (the evaluation page's predictions). */
export async function listJobs(options: { kind?: string; importKind?: string; limit?: number } = {}) {
  return db.job.findMany({
    where: { ...(options.kind ? { kind: options.kind } : {}), ...(options.importKind ? { payload: { path: ["kind"], equals: options.importKind } } : {}) },
    orderBy: { id: "desc" },
    take: options.limit ?? 50,
    select: JOB_ROW,
  });
}
export type JobRow = Awaited<ReturnType<typeof listJobs>>[number];

/** The newest job of one dedup key (a campaign's recomputation, a dataset's scan), or null. */
export async function findLatestJob(dedupKey: string) {
  return db.job.findFirst({ where: { dedupKey }, orderBy: { id: "desc" }, select: JOB_ROW });
}

/**
 * Recomputations still to finish, one per campaign (the running one before a follow-up queued
 * behind it), with the campaign's name: the review queue says which lists are about to change.
 */
export async function listActiveRecomputations(campaignId?: number) {
  const jobs = await db.job.findMany({
    where: { kind: consensusJob.name, status: { in: ["RUNNING", "QUEUED"] }, ...(campaignId === undefined ? {} : { dedupKey: consensusDedupKey(campaignId) }) },
    orderBy: { id: "asc" },
    select: { ...JOB_ROW, payload: true },
  });
  const byCampaign = new Map<number, JobRow>();
  for (const { payload, ...job } of jobs) {
    const parsed = consensusJobPayloadSchema.safeParse(payload);
    if (!parsed.success) continue;
    const held = byCampaign.get(parsed.data.campaignId);
    if (!held || (held.status === "QUEUED" && job.status === "RUNNING")) byCampaign.set(parsed.data.campaignId, job);
  }
  const campaigns = await db.campaign.findMany({ where: { id: { in: [...byCampaign.keys()] } }, orderBy: { id: "asc" }, select: { id: true, name: true } });
  return campaigns.map((campaign) => ({ campaignId: campaign.id, campaignName: campaign.name, job: byCampaign.get(campaign.id)! }));
}
const importValidationJob = (jobId: number) => ({ id: jobId, kind: "import", payload: { path: ["dryRun"], equals: true } }) satisfies Prisma.JobWhereInput;

function requestOf(payload: Prisma.JsonValue) {
  const { kind, path, dataset, options } = importJobPayloadSchema.parse(payload);
  return { kind, path, dataset, options };
}

/** An import's validation by its job id, with the request it checks and what it found; any other job is not found. */
export async function findImportValidation(jobId: number) {
  const job = await db.job.findFirst({
    where: importValidationJob(jobId),
    select: { id: true, status: true, message: true, done: true, total: true, cancelRequested: true, result: true, payload: true },
  });
  if (!job) return null;
  const { result, payload, ...rest } = job;
  return {
    ...rest,
    request: requestOf(payload),
    // The job stores what the import's run returned, its summaries, only when it succeeded.
    summaries: job.status === "SUCCEEDED" ? (result as unknown as ImportSummary[]) : null,
  };
}
export type ImportValidation = NonNullable<Awaited<ReturnType<typeof findImportValidation>>>;

/** The validation a page's address names (a reload, a shared link), for the import form to show again with the request it checked. */
export interface RestoredValidation {
  jobId: number;
  /** Null when no validation has that id: the form then says so. */
  request: ImportValidation["request"] | null;
  /** The name the file was uploaded under, when the request's path is an upload's. */
  uploadedName: string | null;
}

export async function findRestoredValidation(param: string | string[] | undefined): Promise<RestoredValidation | null> {
  const jobId = typeof param === "string" ? parseId(param) : null;
  if (jobId === null) return null;
  // The request only: a validation's summaries can be large, and the form shows them through its own route.
  const job = await db.job.findFirst({ where: importValidationJob(jobId), select: { payload: true } });
  const request = job ? requestOf(job.payload) : null;
  const shown = request && shownImportPath(request.path);
  return { jobId, request, uploadedName: shown && shown !== request.path ? shown : null };
}
