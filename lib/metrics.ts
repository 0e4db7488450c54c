import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics of this process. A registry is per process: with several app servers and
 * workers, Prometheus scrapes each one and sums (rate(relabel_claims_total[1m]) across instances).
 * Job queue depth is read from the database at scrape time, so it is the same on every server.
 */
interface Metrics {
  registry: Registry;
  requestSeconds: Histogram<"route" | "method" | "status">;
  actionSeconds: Histogram<"action" | "outcome">;
  claims: Counter;
  submits: Counter<"outcome">;
  jobSeconds: Histogram<"kind" | "status">;
  jobsPicked: Counter<"kind">;
  jobsByStatus: Gauge<"kind" | "status">;
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "relabel_process_" });
  const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    requestSeconds: new Histogram({ name: "relabel_http_request_duration_seconds", help: "Route handler latency", labelNames: ["route", "method", "status"], buckets: latencyBuckets, registers: [registry] }),
    actionSeconds: new Histogram({ name: "relabel_action_duration_seconds", help: "Server action latency (defineAction)", labelNames: ["action", "outcome"], buckets: latencyBuckets, registers: [registry] }),
    claims: new Counter({ name: "relabel_claims_total", help: "Images newly claimed by annotators", registers: [registry] }),
    submits: new Counter({ name: "relabel_submits_total", help: "Decision submissions (created: a new decision revision; replayed: a retried request)", labelNames: ["outcome"], registers: [registry] }),
    jobSeconds: new Histogram({ name: "relabel_job_duration_seconds", help: "Background job run time in this worker", labelNames: ["kind", "status"], buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600], registers: [registry] }),
    jobsPicked: new Counter({ name: "relabel_jobs_picked_total", help: "Jobs this worker picked up", labelNames: ["kind"], registers: [registry] }),
    jobsByStatus: new Gauge({ name: "relabel_jobs", help: "Jobs by kind and status (queued and running: the queue depth), from the database", labelNames: ["kind", "status"], registers: [registry] }),
  };
}

// Survives Next.js dev-mode module reloads, which would otherwise register every metric twice.
const globalForMetrics = globalThis as unknown as { relabelMetrics?: Metrics };
export const metrics: Metrics = (globalForMetrics.relabelMetrics ??= createMetrics());
