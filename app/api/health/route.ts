import path from "node:path";
import { type NextRequest, NextResponse } from "next/server";
import { db } from "@/lib/db";
import { evaluateHealth, gatherHealth } from "@/lib/health/checks";
import { withRouteMetrics } from "@/lib/route-metrics";

export const dynamic = "force-dynamic";

// next start runs from the project folder; the bundle's own location says nothing about where migrations are.
const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/**
 * Unauthenticated, for load balancers and orchestrators: no secrets, no error texts, only whether
 * the database answers, its migrations are current and a worker was seen recently.
 * `?require=worker` answers 503 without a recent worker too.
 */
export const GET = withRouteMetrics("/api/health", async (request: NextRequest) => {
  const report = evaluateHealth(await gatherHealth(db, MIGRATIONS_DIR), {
    workerWindowSeconds: Number(process.env.RELABEL_HEALTH_WORKER_SECONDS ?? 60),
    requireWorker: request.nextUrl.searchParams.get("require") === "worker",
  });
  return NextResponse.json({ status: report.status, checks: report.checks }, { status: report.httpStatus, headers: { "Cache-Control": "no-store" } });
});
