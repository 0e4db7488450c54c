import { hostname } from "node:os";
import type { Db } from "@/lib/db";
import { queueJobKey } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";

/** A worker whose heartbeat is older than this is presumed dead (killed, out of memory, host lost). */
export const STALE_AFTER_SECONDS = Number(process.env.RELABEL_WORKER_STALE_SECONDS ?? 30);

export async function beat(db: Db, workerId: string, queueWorkerIds: string[]): Promise<void> {
  // now() from the database, not this host's clock: every worker compares against the same time.
  await db.$executeRaw`
    INSERT INTO worker_heartbeats (id, queue_worker_ids, hostname, pid, started_at, seen_at)
    VALUES (${workerId}, ${queueWorkerIds}::text[], ${hostname()}, ${process.pid}, now(), now())
    ON CONFLICT (id) DO UPDATE SET seen_at = now(), queue_worker_ids = EXCLUDED.queue_worker_ids`;
}

export async function forget(db: Db, workerId: string): Promise<void> {
  await db.workerHeartbeat.deleteMany({ where: { id: workerId } });
}

/**
 * graphile-worker only frees a dead worker's locks after 4 hours. A live worker does it sooner:
 * it takes the stale heartbeat rows (DELETE … RETURNING, so one recoverer per dead worker), unlocks
 * their queue jobs, and puts their jobs rows back to "queued" (or "failed" when no attempt is left).
 * The dead worker's transaction was rolled back by PostgreSQL when its connection dropped.
 */
export async function recoverDeadWorkers(db: Db, staleAfterSeconds = STALE_AFTER_SECONDS): Promise<string[]> {
  const dead = await db.$queryRaw<{ id: string; queue_worker_ids: string[] | null }[]>`
    DELETE FROM worker_heartbeats WHERE seen_at < now() - make_interval(secs => ${staleAfterSeconds}::int)
    RETURNING id, queue_worker_ids`;
  if (dead.length === 0) return [];
  const queueWorkerIds = dead.flatMap((row) => row.queue_worker_ids ?? []);
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${queueWorkerIds}::text[])`;
  const orphans = await db.job.findMany({ where: { workerId: { in: dead.map((row) => row.id) }, status: "RUNNING" }, select: { id: true } });
  for (const { id } of orphans) {
    const [entry] = await db.$queryRaw<{ attempts: number; max_attempts: number }[]>`
      SELECT attempts, max_attempts FROM graphile_worker.jobs WHERE key = ${queueJobKey(id)}`;
    const retries = entry !== undefined && entry.attempts < entry.max_attempts;
    await db.job.updateMany({
      where: { id, status: "RUNNING" },
      data: retries
        ? { status: "QUEUED", workerId: null, message: "Its worker stopped; another worker will run it again." }
        : { status: "FAILED", finishedAt: new Date(), message: "Its worker stopped during the last attempt; nothing from the unfinished step was written." },
    });
  }
  log.warn({ deadWorkers: dead.map((row) => row.id), requeued: orphans.map((job) => job.id) }, "recovered the jobs of stopped workers");
  return dead.map((row) => row.id);
}

/** When a worker was last seen, for /api/health. */
export async function lastWorkerSeenSecondsAgo(db: Db): Promise<number | null> {
  const [row] = await db.$queryRaw<{ age: number | null }[]>`SELECT extract(epoch FROM now() - max(seen_at))::float AS age FROM worker_heartbeats`;
  return row?.age ?? null;
}
