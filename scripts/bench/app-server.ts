/**
 * App servers for the HTTP benchmarks: `scripts/start.ts` (the production process model: migrate,
 * build when stale, `next start` and a worker) on the bench's own database, and HTTP clients that
 * sign in and call server actions the way the browser does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "@/lib/db/embedded-postgres";
import { stopChild } from "@/scripts/processes";

export interface AppServer {
  url: string;
  /** CPU seconds (user + system) the server's processes (start.ts, next start, the worker) have used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Starts one app server on `databaseUrl`. Several may share a database and a secret (a session
 * signed by one is valid on the others); start them one after another, so only the first builds.
 */
export async function startAppServer(databaseUrl: string, secret: string, log: (line: string) => void): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // node with tsx's loader, not the tsx CLI: the CLI SIGKILLs its child 60 ms after relaying a
  // signal, so `stop` would orphan next start and the worker instead of draining them (scripts/processes.ts).
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      PORT: String(port),
      RELABEL_DEMO: "0",
      RELABEL_HOME: path.join(root, ".relabel/bench-http"),
      // Request logs would cost the server more than some requests do.
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const deadline = Date.now() + 900_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`The app server exited (${child.exitCode}) before it answered.`);
    if (await fetch(`${url}/sign-in`).then((response) => response.ok, () => false)) {
      log(`app server at ${url}`);
      return { url, cpuSeconds: () => treeCpuSeconds(child.pid!), stop: () => stopChild(child, 10_000) };
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await stopChild(child, 5_000);
  throw new Error("The app server did not answer within 15 minutes.");
}

/** Every process's parent, command name, CPU ticks and its reaped children's, from /proc (Linux; none elsewhere). */
function processStats(): Map<number, { parent: number; command: string; ticks: number; reapedTicks: number }> {
  const stats = new Map<number, { parent: number; command: string; ticks: number; reapedTicks: number }>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return stats;
  }
  for (const pid of entries) {
    try {
      // Fields after the command name (which may hold spaces): state, ppid, ..., utime (14th), stime (15th), cutime, cstime.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.split(") ").at(-1)!.split(" ");
      stats.set(Number(pid), {
        parent: Number(fields[1]),
        command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        ticks: Number(fields[11]) + Number(fields[12]),
        reapedTicks: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // The process ended while we read.
    }
  }
  return stats;
}

const USER_HZ = 100; // on Linux

/** CPU seconds of a process and its descendants. */
function treeCpuSeconds(root: number): number {
  const stats = processStats();
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && stats.has(pid) && inTree(stats.get(pid)!.parent));
  let ticks = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
  return ticks / USER_HZ;
}

/**
 * CPU seconds PostgreSQL on this machine has used so far (0 with a server elsewhere): its running
 * processes, and the backends that have ended, which the server's main process has reaped.
 */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const stat of processStats().values()) if (stat.command === "postgres") ticks += stat.ticks + stat.reapedTicks;
  return ticks / USER_HZ;
}

/** CPU milliseconds per unit of work since it was made: the app server's, PostgreSQL's and this process's (the load generator), which share the machine's cores. */
export type CpuCost = { server: number; postgres: number; generator: number };

/** Starts counting; call the answer with how many units were done (loops, requests) for their cost each. */
export function cpuMeter(server: AppServer): (units: number, decimals?: number) => CpuCost {
  const before = { server: server.cpuSeconds(), postgres: postgresCpuSeconds(), generator: process.cpuUsage() };
  return (units, decimals = 1) => {
    const generator = process.cpuUsage(before.generator);
    const each = (seconds: number) => Math.round(((seconds * 1000) / Math.max(1, units)) * 10 ** decimals) / 10 ** decimals;
    return {
      server: each(server.cpuSeconds() - before.server),
      postgres: each(postgresCpuSeconds() - before.postgres),
      generator: each((generator.user + generator.system) / 1e6),
    };
  };
}

export const newSecret = () => randomBytes(32).toString("base64url");

/** The cookie header of a session signed in through next-auth's credentials flow, as the form does it. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const session = cookiesOf(answer);
  if (!session.includes("session-token=")) throw new Error(`Signing in ${email} failed (${answer.status}).`);
  return `${jar}; ${session}`;
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");

/** Server action ids by exported name, from the build's manifest (what the browser's bundle carries). */
export function actionIds(names: readonly string[]): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && names.includes(entry.exportedName) && entry.filename?.includes("lib/actions/labeling")) ids[entry.exportedName] = id;
  }
  const missing = names.filter((name) => !(name in ids));
  if (missing.length > 0) throw new Error(`The build has no server action named ${missing.join(", ")}.`);
  return ids;
}

/** Headers of a server action call, as React's client sends them (the arguments are the body). */
export const actionHeaders = (id: string, cookie: string) => ({
  "next-action": id,
  "content-type": "text/plain;charset=UTF-8",
  accept: "text/x-component",
  cookie,
});

/**
 * The value a server action returned, from its React flight answer: the row the root (`0:`)
 * points at, or the root itself. Enough for the plain JSON our actions return.
 */
export function actionResult(body: string): unknown {
  const rows = new Map(body.split("\n").filter(Boolean).map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1)] as const;
  }));
  const root = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
  const pointer = typeof root?.a === "string" ? /^\$@(\w+)$/.exec(root.a)?.[1] : undefined;
  return pointer ? JSON.parse(rows.get(pointer) ?? "null") : root?.a;
}
