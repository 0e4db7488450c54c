import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { importJob } from "@/lib/import/jobs";
import type { JobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { eventually } from "@/lib/testing/eventually";

/*
 * Real worker processes (`tsx scripts/worker.ts`) on this file's database. The first one is
 * SIGKILLed while its import transaction is open; the second must find it dead (stale
 * heartbeat), take the job over and finish it, and the data must never be half-written.
 */
const url = process.env.DATABASE_URL!;
const db = createDb(url);
const root = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];

function spawnWorker(): ChildProcess {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a child process, which a SIGKILL would orphan.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, RELABEL_WORKER_STALE_SECONDS: "2", RELABEL_WORKER_POLL_MS: "200", RELABEL_LOG_FORMAT: "json", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(children.map(exited));
  await db.$disconnect();
});

function classInfoFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-crash-"));
  const file = path.join(dir, "class_info.json");
  writeFileSync(file, JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: `n${10_000_000 + cid}`, synset: [`class ${cid}`], gloss: "" }))));
  return file;
}

describe("a worker killed mid-job", () => {
  it("leaves the data as before, and a second worker takes the job over and finishes it", async () => {
    // Holding a lock on the table the import writes keeps its transaction open for as long as this test needs.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE classes IN EXCLUSIVE MODE");

    const first = spawnWorker();
    const { jobId } = await enqueueJob(db, url, importJob as JobKind, { kind: "classes", path: classInfoFile(), dataset: "imagenet-val", options: {} }, null);
    const running = await eventually(async () => {
      const row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      return row.status === "RUNNING" && row;
    }, 30_000, "the first worker to start the import");
    // The import is blocked inside its write transaction, waiting for the lock.
    await eventually(async () => {
      const { rows } = await blocker.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = 'classes'::regclass AND NOT granted");
      return rows[0]!.waiting > 0;
    }, 10_000, "the import to wait on the classes table");

    first.kill("SIGKILL");
    await exited(first);
    await blocker.query("ROLLBACK");
    await blocker.end();
    expect(await db.imageClass.count()).toBe(0);
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("RUNNING");

    const second = spawnWorker();
    const finished = await eventually(async () => {
      const row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      return row.status === "SUCCEEDED" && row;
    }, 40_000, "the second worker to finish the import");
    expect(finished.attempts).toBe(2);
    expect(finished.workerId).not.toBe(running.workerId);
    expect(finished.message).toBe("1,000 rows stored");
    expect(await db.imageClass.count()).toBe(1000);
    // The dead worker's heartbeat was taken away by the one that recovered its job.
    expect(await db.workerHeartbeat.count({ where: { id: running.workerId! } })).toBe(0);

    second.kill("SIGTERM");
    await exited(second);
    expect(second.exitCode).toBe(0);
    expect(await db.workerHeartbeat.count()).toBe(0);
  }, 120_000);
});
