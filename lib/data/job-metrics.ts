import "server-only";
import type { Db } from "@/lib/db";
import { metrics } from "@/lib/metrics";

/** Sets the job gauges from the database at scrape time, so every app server reports the same queue depth. */
export async function refreshJobGauges(db: Db): Promise<void> {
  const rows = await db.job.groupBy({ by: ["kind", "status"], where: { status: { in: ["QUEUED", "RUNNING"] } }, _count: true });
  metrics.jobsByStatus.reset();
  for (const row of rows) metrics.jobsByStatus.set({ kind: row.kind, status: row.status }, row._count);
}
