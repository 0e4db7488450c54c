import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { clusterDir } from "@/lib/db/cluster-location";
import { serverUrl, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import type { SupervisedPostgres } from "@/lib/db/postgres-supervisor";
import { ExpectedError } from "@/lib/errors";

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
 * that another live Relabel process (say `npm start` while the CLI runs) started on it. A server
 * whose starter is gone (killed without a chance to stop it) is stopped and started afresh, so it
 * is supervised again. `exclusive` (npm start) refuses to share: two servers on one embedded
 * database would each stop it for the other. `fresh` (the e2e tests) wipes the cluster first.
 */
export async function openDatabase({ exclusive = false, fresh = false, log }: { exclusive?: boolean; fresh?: boolean; log?: (line: string) => void } = {}): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    if (fresh) throw new ExpectedError("--fresh only resets the embedded database; unset DATABASE_URL.");
    return { url: process.env.DATABASE_URL, embedded: false, release: async () => {} };
  }
  const home = relabelHome();
  const running = runningServerUrl(home);
  if (running) {
    const owner = liveOwner(home);
    if (owner !== null && exclusive) {
      throw new ExpectedError(`Relabel is already running on this checkout's database (process ${owner}); stop it first, or give this one a folder of its own with RELABEL_HOME.`);
    }
    if (owner !== null) {
      await ensureDatabaseExists(running);
      return { url: withDatabase(running, APP_DATABASE), embedded: false, release: async () => {} };
    }
    await stopOrphan(home);
  }
  if (fresh) rmSync(appClusterDir(home), { recursive: true, force: true });
  const requested = requestedClusterDir(home);
  const { password, legacy } = clusterPassword(requested);
  let server = await startEmbeddedPostgres({ dataDir: requested, log, password, ownProcessGroup: true });
  writeFileSync(ownerFile(home), String(process.pid));
  const maintenanceUrl = legacy ? await rotateLegacyPassword(server.url, requested) : server.url;
  await ensureDatabaseExists(maintenanceUrl);
  const url = withDatabase(maintenanceUrl, APP_DATABASE);
  return {
    url,
    embedded: true,
    release: async () => {
      await server.stop();
      rmSync(ownerFile(home), { force: true });
    },
    supervised: {
      url,
      alive: () => runningServerUrl(home) !== null,
      restart: async () => {
        server = await startEmbeddedPostgres({ dataDir: requested, log, password: clusterPassword(requested).password, port: server.port, ownProcessGroup: true });
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

/** PostgreSQL writes its pid on line 1 of postmaster.pid and its port on line 4. */
function runningServer(dataDir: string): { pid: number; port: number } | null {
  let contents: string;
  try {
    contents = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch (error) {
    // Read, not checked first: a stopping server removes the file between a check and a read.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const [pid, , , port] = contents.split("\n");
  return isAlive(Number(pid)) ? { pid: Number(pid), port: Number(port) } : null;
}

function portOfRunningServer(dataDir: string): number | null {
  return runningServer(dataDir)?.port ?? null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but owned by another OS user (the `postgres` one, when we run as root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process that started a home's embedded server and will stop it, written beside the cluster. */
function ownerFile(home: string): string {
  return path.join(home, "postgres.owner");
}

function liveOwner(home: string): number | null {
  const pid = Number(existsSync(ownerFile(home)) ? readFileSync(ownerFile(home), "utf8") : NaN);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/** Fast shutdown of a server nobody will stop: its open transactions roll back, its data is kept. */
async function stopOrphan(home: string): Promise<void> {
  const server = runningServer(appClusterDir(home));
  if (!server) return;
  process.kill(server.pid, "SIGINT");
  for (let waited = 0; runningServer(appClusterDir(home)) !== null; waited += 100) {
    if (waited > 60_000) throw new ExpectedError(`The embedded PostgreSQL a stopped Relabel left running (process ${server.pid}) does not stop; stop it, then start again.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
