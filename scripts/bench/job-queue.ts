/**
 * Measures the job queue on a throwaway embedded PostgreSQL (not part of the test suite):
 *   pickup latency  enqueue committed → handler started, one job at a time on an idle worker
 *   throughput      no-op jobs finished per second, by worker concurrency (row bookkeeping included)
 *   npx tsx scripts/bench/job-queue.ts [--jobs 300]
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { createDb } from "@/lib/db";
import { startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { defineJobKind, type JobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";

const jobsArg = process.argv.indexOf("--jobs");
const JOBS = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : 300;
const started = new Map<number, number>();
const noop = defineJobKind({
  name: "bench-noop",
  payload: z.object({ n: z.number() }),
  title: (payload) => `noop ${payload.n}`,
  run: async (_payload, ctx) => void started.set(ctx.jobId, performance.now()),
}) as JobKind;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;

async function main() {
  const dataDir = `.relabel/bench-queue-${process.pid}`;
  const server = await startEmbeddedPostgres({ dataDir, throwaway: true, password: randomBytes(18).toString("base64url") });
  const url = withDatabase(server.url, "postgres");
  try {
    await migrate(url);
    const db = createDb(url);

    {
      // A 2 s poll interval: a pickup much faster than that is LISTEN/NOTIFY at work (without it, pickup waits for the next poll).
      const worker = await startWorker({ db, url, kinds: [noop], pollIntervalMs: 2000 });
      const latencies: number[] = [];
      for (let n = 0; n < 30; n++) {
        const { jobId } = await enqueueJob(db, url, noop, { n }, null);
        const committed = performance.now();
        while (!started.has(jobId)) await new Promise((resolve) => setTimeout(resolve, 1));
        latencies.push(started.get(jobId)! - committed);
      }
      console.log(`pickup latency (LISTEN/NOTIFY, idle worker): median ${median(latencies).toFixed(1)} ms, p95 ${p95(latencies).toFixed(1)} ms (30 jobs)`);
      await worker.stop();
    }

    for (const concurrency of [1, 4]) {
      const ids: number[] = [];
      for (let n = 0; n < JOBS; n++) ids.push((await enqueueJob(db, url, noop, { n }, null)).jobId);
      const t0 = performance.now();
      const worker = await startWorker({ db, url, kinds: [noop], concurrency, pollIntervalMs: 500 });
      for (;;) {
        const left = await db.job.count({ where: { id: { in: ids }, status: { not: "SUCCEEDED" } } });
        if (left === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (performance.now() - t0) / 1000;
      console.log(`throughput, concurrency ${concurrency}: ${(JOBS / seconds).toFixed(0)} jobs/s (${JOBS} no-op jobs in ${seconds.toFixed(1)} s, worker start included)`);
      await worker.stop();
    }
    await db.$disconnect();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
