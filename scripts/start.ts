/**
 * `npm start`: database (embedded unless DATABASE_URL is set) → migrations → demo data on first
 * start (demo mode) → production build when the sources changed → `next start` and one worker
 * (scripts/worker.ts), supervised: the embedded PostgreSQL and the worker are restarted if they
 * die; SIGINT/SIGTERM/SIGHUP (a closed terminal) drains both (requests finish, the running job finishes
 * or is handed back) and stops the embedded PostgreSQL.
 *   --fresh   wipe the embedded database first (used by the e2e tests)
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { createDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { portInUseSentence } from "@/lib/db/startup-errors";
import { ExpectedError } from "@/lib/errors";
import { appClusterDir, openDatabase, relabelHome } from "@/lib/db/local-database";
import { supervisePostgres } from "@/lib/db/postgres-supervisor";
import { DEMO_ACCOUNTS, demoModeRefusal, isDemoMode, loadDemo } from "@/lib/demo/load-demo";
import { markInterruptedExports } from "@/lib/export/jobs";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";
import { logFormat } from "@/lib/log";
import { onStopSignal, spawnNext, stopChild, superviseWorker, takeOverSignals } from "@/scripts/processes";
import { buildIfStale } from "@/scripts/build-if-stale";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const log = (line: string) => console.log(`[relabel] ${line}`);

// How long SIGTERM waits for in-flight requests and the running job before killing them.
const DRAIN_MS = Number(process.env.RELABEL_DRAIN_SECONDS ?? 30) * 1000;

async function main() {
  await ensurePortFree();
  takeOverSignals();
  const database = await openDatabase({ exclusive: true, fresh: process.argv.includes("--fresh") });
  // The embedded PostgreSQL runs in a process group of its own, so until the server runs, a Ctrl-C
  // (minutes of demo load and build on a first start) or a failure must stop it here.
  const interrupted = new AbortController();
  const stopDuringSetup = () => {
    if (interrupted.signal.aborted) return;
    log("interrupted while starting: stopping the database");
    interrupted.abort();
    void database.release().finally(() => process.exit(130));
  };
  const stopListening = onStopSignal(stopDuringSetup);
  let demo: boolean;
  try {
    demo = await prepare(database.url, database.embedded, interrupted.signal);
  } catch (error) {
    if (interrupted.signal.aborted) return;
    await database.release();
    throw error;
  }
  stopListening();

  // The server's output is piped through here, so it would log JSON even to a terminal: every process logs as this one does.
  const env = { ...process.env, DATABASE_URL: database.url, NEXTAUTH_SECRET: authSecret(), NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://${host}:${port}`, RELABEL_LOG_FORMAT: logFormat() };
  const server = spawnNext(port, host, env);
  server.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes("Ready")) announce(env.NEXTAUTH_URL, demo);
  });
  const worker = superviseWorker({ ...env, NODE_ENV: "production", RELABEL_MIGRATE: "0" }, log);

  let stopping = false;
  const stop = async (code: number, sentence?: string) => {
    if (stopping) return;
    stopping = true;
    if (sentence) console.error(`[relabel] ${sentence}`);
    else log("stopping: finishing requests and the running job…");
    postgres?.stop();
    await Promise.all([stopChild(server, DRAIN_MS), worker.stop(DRAIN_MS + 5000)]);
    await database.release();
    process.exit(code);
  };
  const postgres = database.supervised ? supervisePostgres(database.supervised, { log, onGiveUp: (sentence) => void stop(1, sentence) }) : null;
  onStopSignal(() => void stop(0));
  server.on("exit", (code) => void stop(code ?? 1, stopping ? undefined : `The web server exited unexpectedly (code ${code ?? "none"}).`));
}

/** Migrations, the queue's schema, the demo data (first start) and the build; true in demo mode. */
async function prepare(url: string, embedded: boolean, signal: AbortSignal): Promise<boolean> {
  log(embedded ? `embedded PostgreSQL in ${appClusterDir()}` : "using DATABASE_URL");
  const applied = await migrate(url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

  await ensureQueueSchema(url);
  const db = createDb(url);
  const demo = isDemoMode();
  try {
    await markInterruptedExports(db);
    const refusal = demoModeRefusal();
    if (refusal) log(`demo mode is off: ${refusal} (set RELABEL_DEMO=1 to load the demo accounts anyway)`);
    if (demo && !(await loadDemo(db, url, log))) log("demo data already loaded");
  } finally {
    // Not held open through the minutes of a first build.
    await db.$disconnect();
  }
  await buildIfStale(log, signal);
  return demo;
}

/** Checked before the database and the build, so a taken port costs seconds and ends in one sentence. */
function ensurePortFree(): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new ExpectedError(portInUseSentence(port)) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function announce(url: string, demo: boolean) {
  log(`Relabel is running at ${url}`);
  if (demo) {
    log("WARNING: demo mode. These accounts exist with the public password " + JSON.stringify(DEMO_ACCOUNTS.password) + ":");
    for (const account of DEMO_ACCOUNTS.users) log(`  ${account.role.toLowerCase().padEnd(9)} ${account.email}`);
    log("WARNING: anyone who can reach this server can sign in as admin. Disable them in /admin/users or run with RELABEL_DEMO=0 and a fresh database for real work.");
  }
}

/** next-auth signs sessions with this; generated once per installation unless NEXTAUTH_SECRET is set. */
function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(relabelHome(), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(relabelHome(), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

main().catch((error) => {
  // Expected errors are sentences for the user; anything else is a bug, whose message (not stack) we show.
  const message = error instanceof ExpectedError ? error.message : `could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(`[relabel] ${message}`);
  process.exit(1);
});
