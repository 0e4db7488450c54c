import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { defineJobKind, type JobKind } from "@/lib/jobs/define-job";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { type RunningWorker, startWorker } from "@/lib/jobs/worker";
import { eventually } from "@/lib/testing/eventually";
import { seedUser } from "@/lib/testing/factories";

const url = process.env.DATABASE_URL!;
// The worker and the "other app server" use separate clients: progress must travel through the database.
const workerDb = createDb(url);
const serverDb = createDb(url);

const releases = new Map<string, () => void>();
const attemptsSeen = new Map<string, number>();

/** Reports a third, then waits until the test releases it (or its signal aborts). */
const gated = defineJobKind({
  name: "test-gated",
  payload: z.object({ label: z.string() }),
  title: (payload) => `gated ${payload.label}`,
  dedupKey: (payload) => `gated:${payload.label}`,
  async run(payload, ctx) {
    ctx.progress(1, 3, "first third");
    await new Promise<void>((resolve, reject) => {
      releases.set(payload.label, resolve);
      ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason), { once: true });
    });
    ctx.progress(3, 3, "all three");
    return { label: payload.label };
  },
});

/** Fails unexpectedly on its first attempt, succeeds on the next; or fails with a message the user can act on. */
const flaky = defineJobKind({
  name: "test-flaky",
  payload: z.object({ label: z.string(), expected: z.boolean() }),
  title: (payload) => payload.label,
  maxAttempts: 3,
  async run(payload) {
    const attempt = (attemptsSeen.get(payload.label) ?? 0) + 1;
    attemptsSeen.set(payload.label, attempt);
    if (payload.expected) throw new ExpectedError("The file has no header row.");
    if (attempt === 1) throw new Error("connection reset");
    return { attempt };
  },
});

/** The same, for work that must see changes made while one runs: a request then queues one more behind it. */
const gatedFollowUp = defineJobKind({ ...gated, name: "test-gated-follow-up", dedupKey: (payload) => `follow:${payload.label}`, followUp: true });

/** A refresh nobody waits on: queued behind the jobs someone does wait on. */
const gatedBackground = defineJobKind({ ...gated, name: "test-gated-background", dedupKey: (payload) => `background:${payload.label}`, background: true });

const kinds = [gated, flaky, gatedFollowUp, gatedBackground] as JobKind[];
let worker: RunningWorker;
let userId: number;

beforeAll(async () => {
  userId = (await seedUser(serverDb, "ADMIN")).id;
  worker = await startWorker({ db: workerDb, url, kinds, pollIntervalMs: 100, staleAfterSeconds: 30 });
});

afterAll(async () => {
  await worker.stop();
  await workerDb.$disconnect();
  await serverDb.$disconnect();
});

const jobRow = (jobId: number) => serverDb.job.findUniqueOrThrow({ where: { id: jobId } });

describe("the job queue", () => {
  it("runs an enqueued job on a worker, with progress visible from another client, and keeps its history", async () => {
    const { jobId, existing } = await enqueueJob(serverDb, url, gated as JobKind, { label: "a" }, userId);
    expect(existing).toBe(false);
    const running = await eventually(async () => {
      const row = await jobRow(jobId);
      return row.status === "RUNNING" && row.message === "first third" && row;
    }, 20_000, "progress");
    expect(running).toMatchObject({ done: 1, total: 3, title: "gated a", createdById: userId, workerId: worker.id, attempts: 1 });

    releases.get("a")!();
    const finished = await eventually(async () => {
      const row = await jobRow(jobId);
      return row.status === "SUCCEEDED" && row;
    });
    expect(finished).toMatchObject({ done: 3, total: 3, message: "all three", result: { label: "a" } });
    expect(finished.finishedAt).not.toBeNull();
    // Queued and finished are audited with the job's changes, attributed to whoever queued it.
    const audit = await serverDb.auditLog.findMany({ where: { entity: "job", entityId: String(jobId) }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.userId, entry.details])).toEqual([
      ["job.queue", userId, { kind: "test-gated", title: "gated a" }],
      ["job.finish", userId, { kind: "test-gated", status: "SUCCEEDED" }],
    ]);
  });

  it("returns the queued or running job instead of queueing an equal one twice", async () => {
    const first = await enqueueJob(serverDb, url, gated as JobKind, { label: "b" }, userId);
    const second = await enqueueJob(serverDb, url, gated as JobKind, { label: "b" }, userId);
    expect(second).toEqual({ jobId: first.jobId, existing: true });
    await eventually(async () => releases.get("b"));
    releases.get("b")!();
    await eventually(async () => (await jobRow(first.jobId)).status === "SUCCEEDED");
    // Once the first has finished, the same payload is new work again.
    const third = await enqueueJob(serverDb, url, gated as JobKind, { label: "b" }, userId);
    expect(third.existing).toBe(false);
    await cancelJob(serverDb, third.jobId);
  });

  it("queues and runs a job whose dedup key is longer than a queue name may be (an import of a deep path)", async () => {
    const label = `uploads/${"deep/".repeat(60)}predictions.csv`;
    const { jobId } = await enqueueJob(serverDb, url, gated as JobKind, { label }, userId);
    await eventually(async () => releases.get(label));
    releases.get(label)!();
    await eventually(async () => (await jobRow(jobId)).status === "SUCCEEDED");
  });

  it("supersedes a running job on request: it is cancelled, and the new one runs after it has stopped", async () => {
    const old = await enqueueJob(serverDb, url, gated as JobKind, { label: "s" }, userId);
    await eventually(async () => (await jobRow(old.jobId)).status === "RUNNING" && releases.get("s"));
    releases.delete("s");
    const next = await enqueueJob(serverDb, url, gated as JobKind, { label: "s" }, userId, { supersede: true });
    expect(next.existing).toBe(false);
    expect((await jobRow(old.jobId)).cancelRequested).toBe(true);
    await eventually(async () => (await jobRow(old.jobId)).status === "CANCELLED");
    await eventually(async () => releases.get("s"), 20_000, "the superseding job to start");
    releases.get("s")!();
    await eventually(async () => (await jobRow(next.jobId)).status === "SUCCEEDED");
  });

  it("queues one follow-up behind a running job of a follow-up kind, and later requests join that follow-up", async () => {
    const first = await enqueueJob(serverDb, url, gatedFollowUp as JobKind, { label: "f" }, userId);
    const releaseFirst = await eventually(async () => (await jobRow(first.jobId)).status === "RUNNING" && releases.get("f"));
    releases.delete("f");
    const second = await enqueueJob(serverDb, url, gatedFollowUp as JobKind, { label: "f" }, userId);
    const third = await enqueueJob(serverDb, url, gatedFollowUp as JobKind, { label: "f" }, userId);
    expect(second.existing).toBe(false);
    expect(third).toEqual({ jobId: second.jobId, existing: true });
    expect((await jobRow(second.jobId)).status).toBe("QUEUED");
    releaseFirst();
    await eventually(async () => (await jobRow(first.jobId)).status === "SUCCEEDED");
    await eventually(async () => (await jobRow(second.jobId)).status === "RUNNING" && releases.get("f"));
    releases.get("f")!();
    await eventually(async () => (await jobRow(second.jobId)).status === "SUCCEEDED");
  });

  it("starts a job someone waits on before a background refresh queued earlier", async () => {
    // The worker runs one job at a time: while "busy" runs, both others wait in the queue.
    const busy = await enqueueJob(serverDb, url, gated as JobKind, { label: "busy" }, userId);
    const releaseBusy = await eventually(async () => (await jobRow(busy.jobId)).status === "RUNNING" && releases.get("busy"));
    const refresh = await enqueueJob(serverDb, url, gatedBackground as JobKind, { label: "refresh" }, userId);
    const waitedOn = await enqueueJob(serverDb, url, gated as JobKind, { label: "waited-on" }, userId);
    releaseBusy();
    await eventually(async () => (await jobRow(waitedOn.jobId)).status === "RUNNING", 20_000, "the waited-on job to start");
    expect((await jobRow(refresh.jobId)).status).toBe("QUEUED");
    (await eventually(async () => releases.get("waited-on")))();
    await eventually(async () => (await jobRow(refresh.jobId)).status === "RUNNING" && releases.get("refresh"), 20_000, "the refresh to start");
    releases.get("refresh")!();
    await eventually(async () => (await jobRow(refresh.jobId)).status === "SUCCEEDED");
  });

  it("runs background refreshes one at a time, so free slots go to the jobs people wait for", async () => {
    const roomy = await startWorker({ db: workerDb, url, kinds, concurrency: 2, pollIntervalMs: 100, staleAfterSeconds: 30 });
    try {
      const [first, second] = [
        await enqueueJob(serverDb, url, gatedBackground as JobKind, { label: "r1" }, userId),
        await enqueueJob(serverDb, url, gatedBackground as JobKind, { label: "r2" }, userId),
      ];
      await eventually(async () => releases.get("r1"), 20_000, "the first refresh to start");
      // Three slots in all, one held by the first refresh: both of these start, the second refresh does not.
      const waitedOn = [await enqueueJob(serverDb, url, gated as JobKind, { label: "w1" }, userId), await enqueueJob(serverDb, url, gated as JobKind, { label: "w2" }, userId)];
      await eventually(async () => releases.get("w1") && releases.get("w2"), 20_000, "both waited-on jobs to start");
      expect((await jobRow(second.jobId)).status).toBe("QUEUED");
      for (const label of ["w1", "w2", "r1"]) releases.get(label)!();
      await eventually(async () => releases.get("r2"), 20_000, "the second refresh to start");
      releases.get("r2")!();
      for (const job of [first, second, ...waitedOn]) await eventually(async () => (await jobRow(job.jobId)).status === "SUCCEEDED");
    } finally {
      await roomy.stop();
    }
  });

  it("cancels a running job: its handler is aborted and the job ends cancelled", async () => {
    const { jobId } = await enqueueJob(serverDb, url, gated as JobKind, { label: "c" }, userId);
    await eventually(async () => (await jobRow(jobId)).status === "RUNNING");
    expect(await cancelJob(serverDb, jobId)).toBe("cancelling");
    const row = await eventually(async () => {
      const current = await jobRow(jobId);
      return current.status === "CANCELLED" && current;
    });
    expect(row.message).toMatch(/^Cancelled/);
    await expect(cancelJob(serverDb, jobId)).rejects.toThrow("That job is not running.");
  });

  it("cancels a queued job at once and takes it off the queue", async () => {
    // No worker runs this kind, so the job stays queued.
    const idle = defineJobKind({ name: "test-idle", payload: z.object({}), title: () => "idle", run: async () => null });
    const { jobId } = await enqueueJob(serverDb, url, idle as JobKind, {}, null);
    const [queued] = await serverDb.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = ${`relabel-job-${jobId}`}`;
    expect(queued!.count).toBe(1);
    expect(await cancelJob(serverDb, jobId)).toBe("cancelled");
    expect((await jobRow(jobId)).status).toBe("CANCELLED");
    const [left] = await serverDb.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = ${`relabel-job-${jobId}`}`;
    expect(left!.count).toBe(0);
  });

  it("rejects a payload its kind does not accept, before anything is queued", async () => {
    const before = await serverDb.job.count();
    await expect(enqueueJob(serverDb, url, gated as JobKind, { label: 7 }, null)).rejects.toThrow();
    expect(await serverDb.job.count()).toBe(before);
  });

  it("retries an unexpected failure, and settles an expected one at once with its message", async () => {
    const retried = await enqueueJob(serverDb, url, flaky as JobKind, { label: "retry", expected: false }, null);
    const failed = await enqueueJob(serverDb, url, flaky as JobKind, { label: "final", expected: true }, null);
    const done = await eventually(async () => {
      const row = await jobRow(retried.jobId);
      return row.status === "SUCCEEDED" && row;
    });
    expect(done).toMatchObject({ attempts: 2, result: { attempt: 2 } });
    const settled = await eventually(async () => {
      const row = await jobRow(failed.jobId);
      return row.status === "FAILED" && row;
    });
    expect(settled).toMatchObject({ attempts: 1, message: "The file has no header row." });
    expect(attemptsSeen.get("final")).toBe(1);
  });

  it("keeps a heartbeat row while the worker runs", async () => {
    const heartbeat = await serverDb.workerHeartbeat.findUniqueOrThrow({ where: { id: worker.id } });
    expect(heartbeat.queueWorkerIds.length).toBe(1);
    expect(Date.now() - heartbeat.seenAt.getTime()).toBeLessThan(60_000);
  });
});
