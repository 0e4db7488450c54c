import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import type { JobKind } from "@/lib/jobs/define-job";
import { errorFields, log } from "@/lib/log";
import { metrics } from "@/lib/metrics";

const CANCEL_POLL_MS = 500;
const PROGRESS_EVERY_MS = 250;

export interface Attempt {
  db: Db;
  url: string;
  workerId: string;
  /** The queue's attempt counter: this is the last try when attempt >= maxAttempts. */
  attempt: number;
  maxAttempts: number;
  /** Fires when the worker is stopping and can no longer wait for the job (drain timeout). */
  shutdown?: AbortSignal;
}

/** Thrown back to the queue so it retries the job later (on this or another worker). */
export class RetryLater extends Error {}

/**
 * Runs one attempt of a job and keeps its jobs row truthful. Returns normally when the job is
 * settled (succeeded, failed for good, cancelled); throws RetryLater when the queue should run it
 * again. Handlers are transactional or idempotent, so an attempt cut short leaves nothing behind.
 */
export async function runJobAttempt(kind: JobKind, jobId: number, attempt: Attempt): Promise<void> {
  const { db } = attempt;
  const started = await db.job.updateMany({
    where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] }, cancelRequested: false },
    data: { status: "RUNNING", startedAt: new Date(), finishedAt: null, workerId: attempt.workerId, attempts: { increment: 1 }, message: attempt.attempt > 1 ? `Attempt ${attempt.attempt}` : "Started" },
  });
  if (started.count === 0) {
    // Cancelled (or settled) before this worker got to it.
    await db.job.updateMany({ where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", finishedAt: new Date(), message: "Cancelled before it started." } });
    return;
  }
  const jobLog = log.child({ jobId, kind: kind.name, workerId: attempt.workerId, attempt: attempt.attempt });
  jobLog.info("job started");
  metrics.jobsPicked.inc({ kind: kind.name });
  const stopTimer = metrics.jobSeconds.startTimer({ kind: kind.name });

  const cancel = new AbortController();
  const poll = setInterval(async () => {
    const row = await db.job.findUnique({ where: { id: jobId }, select: { cancelRequested: true } }).catch(() => null);
    if (row?.cancelRequested) cancel.abort(new Error("cancelled"));
  }, CANCEL_POLL_MS);
  const signal = attempt.shutdown ? AbortSignal.any([cancel.signal, attempt.shutdown]) : cancel.signal;
  const progress = throttledProgress(db, jobId);

  const settle = async (status: "SUCCEEDED" | "FAILED" | "CANCELLED" | "QUEUED", data: { message: string; result?: object }) => {
    await progress.flush();
    await db.$transaction(async (tx) => {
      const job = await tx.job.update({
        where: { id: jobId },
        data: { status, ...data, finishedAt: status === "QUEUED" ? null : new Date(), workerId: status === "QUEUED" ? null : attempt.workerId },
        select: { createdById: true },
      });
      if (status !== "QUEUED") await recordAudit(tx, { userId: job.createdById, action: "job.finish", entity: "job", entityId: jobId, details: { kind: kind.name, status } });
    });
    stopTimer({ status: status === "QUEUED" ? "RETRIED" : status });
    jobLog.info({ status }, "job settled");
  };

  try {
    const payload = kind.payload.parse((await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { payload: true } })).payload);
    const result = await kind.run(payload, { jobId, db, url: attempt.url, signal, progress: progress.report, log: jobLog });
    await settle("SUCCEEDED", { message: progress.lastMessage() ?? "Done", result: (result ?? undefined) as object | undefined });
  } catch (error) {
    if (cancel.signal.aborted) {
      await settle("CANCELLED", { message: "Cancelled; nothing from the unfinished step was written." });
    } else if (attempt.shutdown?.aborted) {
      await settle("QUEUED", { message: "Handed back by a stopping worker; another worker will run it again." });
      throw new RetryLater("worker stopping");
    } else if (error instanceof ExpectedError) {
      await settle("FAILED", { message: error.message });
    } else if (attempt.attempt < attempt.maxAttempts) {
      jobLog.warn(errorFields(error), "job attempt failed; will retry");
      await settle("QUEUED", { message: `Attempt ${attempt.attempt} failed unexpectedly; retrying.` });
      throw new RetryLater("retry");
    } else {
      jobLog.error(errorFields(error), "job failed");
      await settle("FAILED", { message: "The job failed unexpectedly; nothing from the unfinished step was written." });
    }
  } finally {
    clearInterval(poll);
  }
}

/** Progress writes at most every PROGRESS_EVERY_MS, one at a time, the latest winning. */
function throttledProgress(db: Db, jobId: number) {
  let pending: { done: number | null; total: number | null; message?: string } | null = null;
  let last: string | undefined;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const next = pending;
    pending = null;
    if (!next) return writing;
    lastWrite = Date.now();
    const data = { ...(next.done !== null ? { done: next.done } : {}), ...(next.total !== null ? { total: next.total } : {}), ...(next.message !== undefined ? { message: next.message } : {}) };
    writing = writing.then(() => db.job.update({ where: { id: jobId }, data }).then(() => undefined, () => undefined));
    return writing;
  };
  return {
    report(done: number | null, total: number | null, message?: string) {
      pending = { done: done ?? pending?.done ?? null, total: total ?? pending?.total ?? null, message: message ?? pending?.message };
      if (message !== undefined) last = message;
      if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) void write();
    },
    flush: () => write(),
    lastMessage: () => last,
  };
}
