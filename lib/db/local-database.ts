import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { clusterDir } from "@/lib/db/cluster-location";
import { serverUrl, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
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

/** The cluster folder Relabel asks for: `<home>/postgres` (clusterDir may keep it elsewhere). */
function requestedClusterDir(home: string): string {
  return path.join(home, "postgres");
}

/**
 * The embedded cluster's folder for a Relabel home: `<home>/postgres`, or its stand-in under
 * /var/lib/relabel when we run as root and the `postgres` user cannot reach the home.
 */
export function appClusterDir(home: string = relabelHome()): string {
  return clusterDir(requestedClusterDir(home));
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
  const home = relabelHome();
  const running = runningServerUrl(home);
  if (running) {
    await ensureDatabaseExists(running);
    return { url: withDatabase(running, APP_DATABASE), embedded: false, release: async () => {} };
  }
  const requested = requestedClusterDir(home);
  const { password, legacy } = clusterPassword(requested);
  let server = await startEmbeddedPostgres({ dataDir: requested, log, password });
  const maintenanceUrl = legacy ? await rotateLegacyPassword(server.url, requested) : server.url;
  await ensureDatabaseExists(maintenanceUrl);
  const url = withDatabase(maintenanceUrl, APP_DATABASE);
  return {
    url,
    embedded: true,
    release: () => server.stop(),
    supervised: {
      url,
      alive: () => runningServerUrl(home) !== null,
      restart: async () => {
        server = await startEmbeddedPostgres({ dataDir: requested, log, password: clusterPassword(requested).password, port: server.port });
      },
    },
  };
}

/** Clusters made before passwords were generated per installation were given this one. */
const LEGACY_PASSWORD = "relabel";

/** Beside the requested cluster folder, like the auth secret: `$RELABEL_HOME/postgres-password`. */
export function passwordFileOf(requestedDir: string): string {
  return path.join(path.dirname(requestedDir), "postgres-password");
}

/**
 * The embedded cluster's password, generated once per installation (owner-only file): a constant
 * one would let any local user or process on the machine connect to the loopback server.
 */
export function clusterPassword(requestedDir: string): { password: string; legacy: boolean } {
  const file = passwordFileOf(requestedDir);
  if (existsSync(file)) return { password: readFileSync(file, "utf8").trim(), legacy: false };
  const made = [requestedDir, clusterDir(requestedDir)].some((folder) => existsSync(path.join(folder, "PG_VERSION")));
  if (made) return { password: LEGACY_PASSWORD, legacy: true };
  return { password: writePassword(file), legacy: false };
}

function writePassword(file: string): string {
  const password = randomBytes(24).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** An existing cluster still on the old constant password gets a generated one, in place. */
async function rotateLegacyPassword(legacyUrl: string, requestedDir: string): Promise<string> {
  const password = randomBytes(24).toString("base64url");
  const client = new pg.Client({ connectionString: legacyUrl });
  await client.connect();
  try {
    // base64url has no quote characters, so the literal is safe to inline (ALTER ROLE takes no parameters).
    await client.query(`ALTER ROLE relabel WITH PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  writeFileSync(passwordFileOf(requestedDir), password, { mode: 0o600 });
  const url = new URL(legacyUrl);
  url.password = password;
  return url.toString();
}

/** The maintenance URL of the embedded server already running for a Relabel home, if any. */
export function runningServerUrl(home: string = relabelHome()): string | null {
  const port = portOfRunningServer(appClusterDir(home));
  return port === null ? null : serverUrl(port, clusterPassword(requestedClusterDir(home)).password);
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
