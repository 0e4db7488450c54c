import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type RunningPostgres, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { eventually } from "@/lib/testing/eventually";
import { adminQuery } from "@/lib/testing/postgres-admin";

/**
 * A PostgreSQL of the test's own, migrated, that the test may crash (SIGKILL of the postmaster:
 * every open transaction is lost, as in a power cut) and start again on the same port, so the
 * app's clients reconnect to the same URL. The shared test server must never be stopped.
 */
export interface FaultyPostgres {
  url: string;
  crash(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultyPostgres(name: string): Promise<FaultyPostgres> {
  const dataDir = path.resolve(`.relabel/test-${name}-${process.pid}`);
  const password = randomBytes(18).toString("base64url");
  rmSync(dataDir, { recursive: true, force: true });
  let server: RunningPostgres = await startEmbeddedPostgres({ dataDir, password });
  const url = withDatabase(server.url, "relabel");
  await adminQuery(server.url, "CREATE DATABASE relabel");
  await migrate(url);
  let crashed: number | null = null;
  return {
    url,
    crash() {
      crashed = Number(readFileSync(path.join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(crashed, "SIGKILL");
    },
    async restart() {
      // Until Node reaps the killed postmaster it is a zombie, which PostgreSQL's lock-file check counts as
      // running ("lock file postmaster.pid already exists"); its backends also take a moment to notice and exit.
      const old = crashed;
      if (old !== null) await eventually(async () => !isAlive(old), 30_000, "the crashed postmaster to be gone");
      server = await eventually(() => startEmbeddedPostgres({ dataDir, password, port: server.port }).catch((error: Error) => {
        if (/already exists|still in use/.test(error.message)) return undefined;
        throw error;
      }), 30_000, "the restarted PostgreSQL to take over its data folder");
      crashed = null;
    },
    async stop() {
      await server.stop().catch(() => {});
      rmSync(server.dataDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Holds `lock` on `table` from a connection of its own and resolves once another backend waits
 * for it: the moment a write is in flight inside its transaction, neither committed nor refused.
 */
export async function holdUntilSomeoneWaits(url: string, table: string, lock = "EXCLUSIVE"): Promise<pg.Client> {
  const blocker = new pg.Client({ connectionString: url });
  blocker.on("error", () => {}); // it dies with the server in the crash that follows
  await blocker.connect();
  await blocker.query("BEGIN");
  await blocker.query(`LOCK TABLE ${table} IN ${lock} MODE`);
  return blocker;
}

export async function someoneWaitsFor(blocker: pg.Client, table: string): Promise<void> {
  await eventually(async () => {
    const { rows } = await blocker.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass AND pid <> pg_backend_pid()",
      [table],
    );
    return rows[0]!.n > 0;
  }, 30_000, `a write waiting for ${table}`);
}
