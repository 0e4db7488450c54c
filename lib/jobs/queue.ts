import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { DEFAULT_MAX_ATTEMPTS, type JobKind, queueJobKey, taskName } from "@/lib/jobs/define-job";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";
import { log } from "@/lib/log";

export interface Enqueued {
  jobId: number;
  /** True when an equal job (same dedup key) was already queued or running, and that one is returned. */
  existing: boolean;
}

/**
 * Records the job and queues it in one transaction: a job row never exists without its queue entry
 * (or the reverse), whichever process crashes when. The payload is validated here, so a worker
 * never picks up a job it cannot parse.
 */
export async function enqueueJob<P>(db: Db, url: string, kind: JobKind<P>, input: unknown, createdById: number | null): Promise<Enqueued> {
  const payload = kind.payload.parse(input);
  await ensureQueueSchema(url);
  const dedupKey = kind.dedupKey?.(payload) ?? null;
  const enqueued = await db.$transaction(async (tx) => {
    if (dedupKey) {
      // Serializes enqueuers of the same key, so two clicks on two servers still make one job.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${dedupKey}))`;
      const active = await tx.job.findFirst({ where: { dedupKey, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
      if (active) return { jobId: active.id, existing: true };
    }
    const job = await tx.job.create({
      data: { kind: kind.name, title: kind.title(payload), payload: payload as object, dedupKey, createdById, message: "Waiting for a worker" },
      select: { id: true },
    });
    await recordAudit(tx, { userId: createdById, action: "job.queue", entity: "job", entityId: job.id, details: { kind: kind.name, title: kind.title(payload) } });
    await tx.$executeRaw`SELECT graphile_worker.add_job(${taskName(kind.name)}, json_build_object('jobId', ${job.id}::int),
      job_key := ${queueJobKey(job.id)}, max_attempts := ${kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int)`;
    return { jobId: job.id, existing: false };
  });
  if (!enqueued.existing) log.info({ jobId: enqueued.jobId, kind: kind.name, userId: createdById }, "job queued");
  return enqueued;
}

/**
 * A queued job is cancelled at once (and leaves the queue); a running one is flagged, and its
 * worker aborts it within a second (its transaction rolls back).
 */
export async function cancelJob(db: Db, jobId: number, kind?: string): Promise<"cancelled" | "cancelling"> {
  const outcome = await db.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id: jobId, ...(kind ? { kind } : {}) }, select: { status: true } });
    if (!job) throw new NotFoundError("That job");
    if (job.status === "QUEUED") {
      const updated = await tx.job.updateMany({
        where: { id: jobId, status: "QUEUED" },
        data: { status: "CANCELLED", cancelRequested: true, finishedAt: new Date(), message: "Cancelled before it started." },
      });
      if (updated.count === 1) {
        await tx.$executeRaw`SELECT graphile_worker.remove_job(${queueJobKey(jobId)})`;
        return "cancelled" as const;
      }
    }
    const flagged = await tx.job.updateMany({ where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { cancelRequested: true } });
    if (flagged.count === 0) throw new ExpectedError("That job is not running.");
    return "cancelling" as const;
  });
  log.info({ jobId, outcome }, "job cancel requested");
  return outcome;
}
