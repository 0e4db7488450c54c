import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { importJob } from "@/lib/import/jobs";
import type { JobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { eventually } from "@/lib/testing/eventually";
import { holdUntilSomeoneWaits, someoneWaitsFor } from "@/lib/testing/faulty-postgres";

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

function classInfoFile(lemma = (cid: number) => `class ${cid}`): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-crash-"));
  const file = path.join(dir, "class_info.json");
  writeFileSync(file, JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: `n${10_000_000 + cid}`, synset: [lemma(cid)], gloss: "" }))));
  return file;
}


describe("a worker killed mid-job", () => {
  it("leaves the data as before, and a second worker takes the job over and finishes it", async () => {
    const blocker = await holdUntilSomeoneWaits(url, "classes");

    const first = spawnWorker();
    const { jobId } = await enqueueJob(db, url, importJob as JobKind, { kind: "classes", path: classInfoFile(), dataset: "imagenet-val", options: {} }, null);
    const running = await eventually(async () => {
      const row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      return row.status === "RUNNING" && row;
    }, 60_000, "the first worker to start the import");
    // The import is blocked inside its write transaction, waiting for the lock.
    await someoneWaitsFor(blocker, "classes");

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
    }, 60_000, "the second worker to finish the import");
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
  }, 240_000);

  it("mid-validation leaves the data as before; the worker started next validates it again and still writes nothing", async () => {
    const blocker = await holdUntilSomeoneWaits(url, "classes");
    const first = spawnWorker();
    const { jobId } = await enqueueJob(db, url, importJob as JobKind, { kind: "classes", path: classInfoFile((cid) => `renamed ${cid}`), dataset: "imagenet-val", options: {}, dryRun: true }, null);
    await eventually(async () => (await db.job.findUniqueOrThrow({ where: { id: jobId } })).status === "RUNNING", 60_000, "the first worker to start the validation");
    await someoneWaitsFor(blocker, "classes");
    first.kill("SIGKILL");
    await exited(first);
    await blocker.query("ROLLBACK");
    await blocker.end();

    // In this process this time: any worker of the queue recovers a dead one's jobs.
    const next = await startWorker({ db, url, kinds: [importJob] as JobKind[], pollIntervalMs: 200, staleAfterSeconds: 2 });
    try {
      const finished = await eventually(async () => {
        const row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
        return row.status === "SUCCEEDED" && row;
      }, 60_000, "the next worker to finish the validation");
      expect(finished).toMatchObject({ attempts: 2, workerId: next.id, result: [{ kind: "classes", stored: 1000 }] });
    } finally {
      await next.stop();
    }
    // The classes the first test imported, not the validated file's.
    expect((await db.imageClass.findUniqueOrThrow({ where: { index: 0 } })).lemmas).toEqual(["class 0"]);
    expect(await db.job.count({ where: { kind: "suspects", createdAt: { gt: (await db.job.findUniqueOrThrow({ where: { id: jobId } })).createdAt } } })).toBe(0);
  }, 240_000);
});
