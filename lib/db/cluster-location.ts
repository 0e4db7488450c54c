import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { DatabaseStartupError, explainFileSystemError, missingPostgresUserSentence } from "@/lib/db/startup-errors";

/**
 * Where Relabel keeps PostgreSQL's binaries and clusters when it runs as root and the `postgres`
 * OS user cannot reach the checkout (a clone in root's 0700 home). Only the copies live here;
 * the user's own folders keep their modes.
 */
export const SYSTEM_POSTGRES_ROOT = "/var/lib/relabel";

export interface OsAccount {
  uid: number;
  gid: number;
}

export function runningAsRoot(): boolean {
  return userInfo().uid === 0;
}

/** The `postgres` OS user, or null when there is none. */
export function postgresAccount(): OsAccount | null {
  const result = spawnSync("getent", ["passwd", "postgres"], { encoding: "utf8" });
  if (result.status !== 0) return null;
  const [, , uid, gid] = result.stdout.trim().split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** The `postgres` OS user, created (a system account without a home) when missing. */
export function ensurePostgresAccount(): OsAccount {
  const existing = postgresAccount();
  if (existing) return existing;
  const created = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
  const account = created.status === 0 ? postgresAccount() : null;
  if (!account) throw new DatabaseStartupError(missingPostgresUserSentence());
  return account;
}

/**
 * Whether `account` can reach `target` (search every folder on the way, execute a file). Asked of
 * the kernel by running `test -x` as that user, so modes, ACLs and mounts all count; the server
 * is started the same way (no supplementary groups), so the answer holds for it too.
 */
export function canReach(account: OsAccount, target: string): boolean {
  const probe = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", target], { uid: account.uid, gid: account.gid, cwd: "/", stdio: "ignore" });
  return probe.status === 0;
}

/**
 * The one mapping from the cluster folder Relabel asks for to the folder the cluster really lives
 * in: the same folder, unless we run as root and the `postgres` user cannot reach it — then a
 * folder under SYSTEM_POSTGRES_ROOT keyed by the requested absolute path, so every process (start,
 * CLI, e2e helpers) that asks for the same folder finds the same cluster.
 */
export function clusterDir(requestedDir: string): string {
  const requested = path.resolve(requestedDir);
  if (!runningAsRoot()) return requested;
  const account = postgresAccount();
  // Without a postgres user nothing runs yet; ensurePostgresAccount() decides before the first start.
  if (account && canReach(account, nearestExisting(requested))) return requested;
  return relocatedClusterDir(requested);
}

export function relocatedClusterDir(requestedDir: string): string {
  const key = createHash("sha256").update(path.resolve(requestedDir)).digest("hex").slice(0, 16);
  return path.join(SYSTEM_POSTGRES_ROOT, "clusters", key, "data");
}

/**
 * A folder under SYSTEM_POSTGRES_ROOT, with it and its parents there readable and searchable by
 * all (whatever the umask), so the `postgres` user reaches the binaries and clusters inside.
 */
export function makeSystemFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    for (let current = folder; current.startsWith(SYSTEM_POSTGRES_ROOT); current = path.dirname(current)) chmodSync(current, 0o755);
  } catch (error) {
    const sentence = explainFileSystemError(error, folder);
    if (sentence) throw new DatabaseStartupError(sentence);
    throw error;
  }
}

function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}
