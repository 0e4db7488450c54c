import { Logger, runMigrations } from "graphile-worker";
import { log } from "@/lib/log";

/** graphile-worker's log lines go to our logger, at debug below warnings. */
export const queueLogger = new Logger((scope) => (level, message, meta) => {
  const fields = { queue: scope.label, queueWorkerId: scope.workerId, queueJobId: scope.jobId };
  if (level === "error") log.error({ ...fields, meta }, message);
  else if (level === "warning") log.warn(fields, message);
  else log.debug(fields, message);
});

/**
 * graphile-worker keeps its tables in its own schema (graphile_worker) and migrates them itself;
 * our migrator and the schema-drift test only look at `public`. Enqueueing needs its add_job()
 * function, so every process that enqueues or works runs this once (idempotent, advisory-locked).
 */
const migrated = new Map<string, Promise<void>>();

export function ensureQueueSchema(url: string): Promise<void> {
  let done = migrated.get(url);
  if (!done) {
    done = runMigrations({ connectionString: url, logger: queueLogger });
    migrated.set(url, done);
    done.catch(() => migrated.delete(url));
  }
  return done;
}
