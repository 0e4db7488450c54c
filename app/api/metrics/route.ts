import type { NextRequest } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { refreshJobGauges } from "@/lib/data/job-metrics";
import { db } from "@/lib/db";
import { metrics } from "@/lib/metrics";
import { hasMetricsToken } from "@/lib/metrics-access";
import { withRouteMetrics } from "@/lib/route-metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this app server process (each server has its own registry: scrape every
 * instance). Signed-in admins, or `Authorization: Bearer $RELABEL_METRICS_TOKEN`.
 */
export const GET = withRouteMetrics("/api/metrics", async (request: NextRequest) => {
  const allowed = hasMetricsToken(request.headers.get("authorization"), process.env.RELABEL_METRICS_TOKEN) || can(await getCurrentUser(), "system:monitor");
  if (!allowed) return Response.json({ error: "Sign in as an admin, or send the metrics token." }, { status: 401 });
  await refreshJobGauges(db);
  return new Response(await metrics.registry.metrics(), { headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" } });
});
