import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/campaigns/queue";
import type { Db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { DEFAULT_MAX_ATTEMPTS, type JobKind, queueJobKey, queueNameOf, taskName } from "@/lib/jobs/define-job";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";
import { log } from "@/lib/log";

export interface Enqueued {
  jobId: number;
  /** True when an equal job (same dedup key) was already queued or running, and that one is returned. */
  existing: boolean;
}

export interface EnqueueOptions {
  /**
   * The running job with the same key works from state that is now out of date (a changed rule):
   * flag it for cancellation and queue a new one. Without this, a running job is returned as is,
   * or followed by a new one when the kind says `followUp`.
   */
  supersede?: boolean;
}

/**
 * Records the job and queues it in one transaction: a job row never exists without its queue entry
 * (or the reverse), whichever process crashes when. The payload is validated here, so a worker
 * never picks up a job it cannot parse.
 */
export async function enqueueJob<P>(db: Db, url: string, kind: JobKind<P>, input: unknown, createdById: number | null, options: EnqueueOptions = {}): Promise<Enqueued> {
  const payload = kind.payload.parse(input);
  await ensureQueueSchema(url);
  return db.$transaction((tx) => enqueueJobWithin(tx, url, kind, payload, createdById, options));
}

/**
 * Queues the job inside the caller's transaction, so it exists exactly when the caller's change
 * commits (a submit that makes a campaign's consensus stale). The queue schema must exist, which
 * the first call per process makes sure of on its own connection.
 */
/**
 * Background refreshes start after the queued jobs people wait for (graphile-worker runs lower
 * numbers first) and share one named queue, so they run one at a time whatever the workers'
 * concurrency: a worker with room for two always keeps one slot for an export or a validation.
 */
const BACKGROUND_PRIORITY = 10;
const BACKGROUND_QUEUE = "background";

export async function enqueueJobWithin<P>(tx: Tx, url: string, kind: JobKind<P>, input: unknown, createdById: number | null, options: EnqueueOptions = {}): Promise<Enqueued> {
  const payload = kind.payload.parse(input);
  await ensureQueueSchema(url);
  const dedupKey = kind.dedupKey?.(payload) ?? null;
  const enqueued = await (async () => {
    if (dedupKey) {
      // Serializes enqueuers of the same key, so two clicks on two servers still make one job.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${dedupKey}))`;
      const active = await tx.job.findMany({ where: { dedupKey, status: { in: ["QUEUED", "RUNNING"] }, cancelRequested: false }, select: { id: true, status: true } });
      const queued = active.find((job) => job.status === "QUEUED");
      // A queued job has not read anything yet, so it covers this request too.
      if (queued) return { jobId: queued.id, existing: true };
      const running = active.find((job) => job.status === "RUNNING");
      if (running && options.supersede) {
        await tx.job.update({ where: { id: running.id }, data: { cancelRequested: true, message: "Superseded by a newer request" } });
      } else if (running && !kind.followUp) {
        return { jobId: running.id, existing: true };
      }
    }
    const job = await tx.job.create({
      data: { kind: kind.name, title: kind.title(payload), payload: payload as object, dedupKey, createdById, message: "Waiting for a worker" },
      select: { id: true },
    });
    await recordAudit(tx, { userId: createdById, action: "job.queue", entity: "job", entityId: job.id, details: { kind: kind.name, title: kind.title(payload) } });
    // Jobs of one key share a named queue, which graphile-worker runs one at a time: a follow-up
    // (or the job superseding another) starts only once the one before it has finished.
    await tx.$executeRaw`SELECT graphile_worker.add_job(${taskName(kind.name)}, json_build_object('jobId', ${job.id}::int),
      queue_name := ${kind.background ? BACKGROUND_QUEUE : dedupKey === null ? null : queueNameOf(dedupKey)}, job_key := ${queueJobKey(job.id)}, max_attempts := ${kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int,
      priority := ${kind.background ? BACKGROUND_PRIORITY : 0}::int)`;
    return { jobId: job.id, existing: false };
  })();
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
