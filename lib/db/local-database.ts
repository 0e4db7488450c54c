import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { clusterDir } from "@/lib/db/cluster-location";
import { PASSWORD, USER, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import type { SupervisedPostgres } from "@/lib/db/postgres-supervisor";

/**
 * Where Relabel keeps its own state when no DATABASE_URL is given: the embedded cluster,
 * the generated auth secret, build stamps. Git-ignored. RELABEL_HOME moves it (the e2e
 * tests use a throwaway one).
 */
export function relabelHome(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RELABEL_HOME ?? ".relabel");
}

export const APP_DATABASE = "relabel";

/**
 * The embedded cluster's folder for a Relabel home: `<home>/postgres`, or its stand-in under
 * /var/lib/relabel when we run as root and the `postgres` user cannot reach the home.
 */
export function appClusterDir(home: string = relabelHome()): string {
  return clusterDir(path.join(home, "postgres"));
}

export interface DatabaseHandle {
  url: string;
  /** Whether this process started the embedded server (and so must stop it). */
  embedded: boolean;
  release(): Promise<void>;
  /** Only when this process started the embedded server: lets `npm start` restart it if it dies. */
  supervised?: SupervisedPostgres;
}

/**
 * DATABASE_URL when set; otherwise the embedded cluster under relabelHome(), reusing a server
 * that another Relabel process (say `npm start` while the CLI runs) already started on it.
 */
export async function openDatabase(log?: (line: string) => void): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, release: async () => {} };
  }
  const requested = path.join(relabelHome(), "postgres");
  const running = runningServerUrl(appClusterDir());
  if (running) {
    await ensureDatabaseExists(running);
    return { url: withDatabase(running, APP_DATABASE), embedded: false, release: async () => {} };
  }
  let server = await startEmbeddedPostgres({ dataDir: requested, log });
  await ensureDatabaseExists(server.url);
  const url = withDatabase(server.url, APP_DATABASE);
  return {
    url,
    embedded: true,
    release: () => server.stop(),
    supervised: {
      url,
      alive: () => runningServerUrl(server.dataDir) !== null,
      restart: async () => {
        server = await startEmbeddedPostgres({ dataDir: requested, log, port: server.port });
      },
    },
  };
}

/** The maintenance URL of an embedded server already running on the cluster folder `dataDir` (see appClusterDir), if any. */
export function runningServerUrl(dataDir: string): string | null {
  const port = portOfRunningServer(dataDir);
  return port === null ? null : `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** PostgreSQL writes its port on line 4 of postmaster.pid; the pid on line 1 tells whether it still runs. */
function portOfRunningServer(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    // EPERM: alive but owned by the `postgres` OS user (we run as root); anything else: stale file.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return Number(port);
}

async function ensureDatabaseExists(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [APP_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${APP_DATABASE}`);
  } finally {
    await client.end();
  }
}
