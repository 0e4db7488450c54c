import { readdir } from "node:fs/promises";
import type { Db } from "@/lib/db";
import { lastWorkerSeenSecondsAgo } from "@/lib/jobs/heartbeat";

export interface HealthInputs {
  databaseReachable: boolean;
  /** Migrations on disk that the database has not applied; null when the database could not be asked. */
  pendingMigrations: number | null;
  /** Seconds since the most recent worker heartbeat; null when no worker has ever been seen. */
  workerSeenSecondsAgo: number | null;
}

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  httpStatus: 200 | 503;
  checks: {
    database: { ok: boolean };
    migrations: { ok: boolean; pending: number | null };
    worker: { ok: boolean; lastSeenSecondsAgo: number | null; windowSeconds: number };
  };
}

/**
 * What a load balancer needs: 503 when this server cannot serve (no database, or a schema older
 * than the code). A missing worker only degrades the answer — pages still work, jobs wait — unless
 * the caller requires one (an orchestrator checking the whole deployment).
 */
export function evaluateHealth(inputs: HealthInputs, options: { workerWindowSeconds: number; requireWorker: boolean }): HealthReport {
  const database = inputs.databaseReachable;
  const migrations = database && inputs.pendingMigrations === 0;
  const worker = inputs.workerSeenSecondsAgo !== null && inputs.workerSeenSecondsAgo <= options.workerWindowSeconds;
  const serving = database && migrations;
  const status = !serving ? "down" : worker ? "ok" : "degraded";
  return {
    status,
    httpStatus: serving && (worker || !options.requireWorker) ? 200 : 503,
    checks: {
      database: { ok: database },
      migrations: { ok: migrations, pending: inputs.pendingMigrations },
      worker: { ok: worker, lastSeenSecondsAgo: inputs.workerSeenSecondsAgo === null ? null : Math.round(inputs.workerSeenSecondsAgo), windowSeconds: options.workerWindowSeconds },
    },
  };
}

/** Gathers the inputs; every failure becomes a false, never an error message (they can name hosts and users). */
export async function gatherHealth(db: Db, migrationsDir: string): Promise<HealthInputs> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { databaseReachable: false, pendingMigrations: null, workerSeenSecondsAgo: null };
  }
  const [pendingMigrations, workerSeenSecondsAgo] = await Promise.all([
    countPendingMigrations(db, migrationsDir).catch(() => null),
    lastWorkerSeenSecondsAgo(db).catch(() => null),
  ]);
  return { databaseReachable: true, pendingMigrations, workerSeenSecondsAgo };
}

// Folder names only, read here rather than through lib/db/migrate (which locates the folder from its own file, meaningless inside the Next.js bundle).
async function migrationNames(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

async function countPendingMigrations(db: Db, dir: string): Promise<number> {
  const [onDisk, applied] = await Promise.all([
    migrationNames(dir),
    db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  ]);
  const done = new Set(applied.map((row) => row.migration_name));
  return onDisk.filter((name) => !done.has(name)).length;
}
