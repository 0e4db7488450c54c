/**
 * `npm run worker`: runs queued jobs (imports, and every kind in lib/jobs/registry.ts) until
 * SIGTERM, SIGINT or SIGHUP. The first signal drains: no new jobs, the running one finishes or is handed
 * back after RELABEL_WORKER_DRAIN_SECONDS; a second signal, seconds later, exits at once (the job is then
 * recovered by another worker once this one's heartbeat goes stale).
 *
 *   DATABASE_URL                 the shared database (unset: the embedded one `npm start` runs)
 *   RELABEL_WORKER_CONCURRENCY   jobs at once in this process (default 2)
 *   RELABEL_WORKER_DRAIN_SECONDS wait for a running job on SIGTERM (default 30)
 *   RELABEL_WORKER_STALE_SECONDS a worker silent this long is presumed dead (default 30)
 *   RELABEL_WORKER_METRICS_PORT  serve this worker's Prometheus metrics on this port (optional)
 *   RELABEL_EVALUATION_REFRESH_SECONDS
 *                                queue stale evaluation tables this often (default 300; 0: never)
 */
import { createServer } from "node:http";
import { createDb } from "@/lib/db";
import { openDatabase } from "@/lib/db/local-database";
import { migrate } from "@/lib/db/migrate";
import { queueStaleEvaluations } from "@/lib/evaluation/stale-evaluations";
import { JOB_KINDS } from "@/lib/jobs/registry";
import { startWorker } from "@/lib/jobs/worker";
import { errorFields, log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { onStopSignal, takeOverSignals } from "@/scripts/processes";

const numberFromEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

async function main() {
  // Signals are handled from the first line: one arriving during start-up still drains instead of killing.
  takeOverSignals();
  let stopRequested = false;
  let stop: () => void = () => (stopRequested = true);
  let firstSignalAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === null) {
      firstSignalAt = Date.now();
      return stop();
    }
    // A Ctrl-C reaches this process both from the terminal and through `npm start` forwarding it:
    // a signal within a moment of the first is that same request to stop.
    if (Date.now() - firstSignalAt < 2000) return;
    log.warn({ signal }, "second signal: exiting without waiting");
    process.exit(1);
  };
  onStopSignal(onSignal);

  const database = await openDatabase();
  if (process.env.RELABEL_MIGRATE !== "0") await migrate(database.url);
  const db = createDb(database.url);
  const refreshSeconds = numberFromEnv("RELABEL_EVALUATION_REFRESH_SECONDS") ?? 300;
  const worker = await startWorker({
    db,
    url: database.url,
    kinds: JOB_KINDS,
    // Two: a minute-long background refresh (suspect scores, the evaluation table) must not hold
    // back an export or a validation someone waits for; more would have imports compete for the cores.
    concurrency: numberFromEnv("RELABEL_WORKER_CONCURRENCY") ?? 2,
    drainSeconds: numberFromEnv("RELABEL_WORKER_DRAIN_SECONDS"),
    staleAfterSeconds: numberFromEnv("RELABEL_WORKER_STALE_SECONDS"),
    pollIntervalMs: numberFromEnv("RELABEL_WORKER_POLL_MS"),
    // Submits change consensus image by image without queueing anything: the evaluation table follows within this period.
    periodic: refreshSeconds > 0 ? [{ name: "stale evaluations", seconds: refreshSeconds, run: () => queueStaleEvaluations(db, database.url) }] : [],
  });
  const metricsPort = numberFromEnv("RELABEL_WORKER_METRICS_PORT");
  const metricsServer = metricsPort
    ? createServer(async (_request, response) => {
        response.setHeader("Content-Type", metrics.registry.contentType);
        response.end(await metrics.registry.metrics());
      }).listen(metricsPort, "127.0.0.1")
    : null;

  stop = () =>
    void worker.stop().then(async () => {
      metricsServer?.close();
      await db.$disconnect();
      await database.release();
      process.exit(0);
    });
  if (stopRequested) stop();
  // The queue runner stopping by itself means it lost the database for good: exit, so a supervisor restarts it.
  worker.done.catch((error: unknown) => {
    log.error({ workerId: worker.id, ...errorFields(error) }, "the job queue stopped");
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  log.error(errorFields(error), "the worker could not start");
  process.exit(1);
});
