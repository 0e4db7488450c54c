import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { type Runner, type Task, type TaskList, type WorkerEvents, run } from "graphile-worker";
import type { Db } from "@/lib/db";
import { type JobKind, taskName } from "@/lib/jobs/define-job";
import { STALE_AFTER_SECONDS, beat, forget, recoverDeadWorkers } from "@/lib/jobs/heartbeat";
import { ensureQueueSchema, queueLogger } from "@/lib/jobs/queue-schema";
import { runJobAttempt } from "@/lib/jobs/run-job";
import { errorFields, log } from "@/lib/log";

export interface WorkerOptions {
  db: Db;
  url: string;
  kinds: readonly JobKind[];
  /** Jobs run at once in this process (default 1: imports are heavy). */
  concurrency?: number;
  /** How long a stopping worker waits for a running job before handing it back. */
  drainSeconds?: number;
  heartbeatSeconds?: number;
  staleAfterSeconds?: number;
  /** Polling interval of the queue; LISTEN/NOTIFY makes pickup faster when the connection allows it. */
  pollIntervalMs?: number;
  /** Chores run every `seconds` while the worker runs (a sweep that queues jobs); a failure is logged and retried next time. */
  periodic?: readonly { name: string; seconds: number; run(): Promise<unknown> }[];
}

export interface RunningWorker {
  id: string;
  /** Stops taking jobs and waits for the running ones (handing them back after drainSeconds). */
  stop(): Promise<void>;
  /** Resolves when the queue runner stops (or rejects when it crashes). */
  done: Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { db, url } = options;
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const heartbeatMs = (options.heartbeatSeconds ?? Math.max(1, Math.floor((options.staleAfterSeconds ?? STALE_AFTER_SECONDS) / 3))) * 1000;
  await ensureQueueSchema(url);

  const queueWorkerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  events.on("worker:create", ({ worker }) => queueWorkerIds.push(worker.workerId));
  // Registered before the runner starts taking jobs, so no lock is ever held by a worker id that has no heartbeat.
  await beat(db, id, queueWorkerIds);

  const taskList: TaskList = {};
  for (const kind of options.kinds) {
    const task: Task = async (payload, helpers) => {
      const { jobId } = payload as { jobId: number };
      await runJobAttempt(kind, jobId, { db, url, workerId: id, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, shutdown: helpers.abortSignal });
    };
    taskList[taskName(kind.name)] = task;
  }

  const runner: Runner = await run({
    connectionString: url,
    concurrency: options.concurrency ?? 1,
    pollInterval: options.pollIntervalMs ?? 2000,
    noHandleSignals: true,
    logger: queueLogger,
    events,
    taskList,
    preset: { worker: { gracefulShutdownAbortTimeout: (options.drainSeconds ?? 30) * 1000 } },
  });

  const tick = async () => {
    try {
      await beat(db, id, queueWorkerIds);
      await recoverDeadWorkers(db, options.staleAfterSeconds ?? STALE_AFTER_SECONDS);
    } catch (error) {
      log.warn({ workerId: id, ...errorFields(error) }, "heartbeat failed; retrying");
    }
  };
  await tick();
  const timer = setInterval(() => void tick(), heartbeatMs);
  const chores = (options.periodic ?? []).map((chore) =>
    setInterval(() => void chore.run().catch((error: unknown) => log.warn({ workerId: id, chore: chore.name, ...errorFields(error) }, "periodic chore failed")), chore.seconds * 1000),
  );
  log.info({ workerId: id, kinds: options.kinds.map((kind) => kind.name), concurrency: options.concurrency ?? 1 }, "worker started");

  let stopping: Promise<void> | null = null;
  return {
    id,
    done: runner.promise,
    stop: () =>
      (stopping ??= (async () => {
        log.info({ workerId: id }, "worker stopping: no new jobs; waiting for the running ones");
        for (const chore of chores) clearInterval(chore);
        await runner.stop();
        clearInterval(timer);
        await forget(db, id);
        log.info({ workerId: id }, "worker stopped");
      })()),
  };
}
