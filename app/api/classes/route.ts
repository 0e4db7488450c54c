import { createHash } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { listClassSummaries } from "@/lib/data/classes";
import { withRouteMetrics } from "@/lib/route-metrics";

/**
 * The class catalog (names, glosses, groups of all classes) for the labeling screen, fetched once
 * per browser session instead of riding along in every page. Revalidated by ETag, so a re-import
 * of class names shows up on the next page load.
 */
export const GET = withRouteMetrics("/api/classes", async (request: NextRequest) => {
  if (!(await getCurrentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const body = JSON.stringify(await listClassSummaries());
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (request.headers.get("if-none-match") === etag) return new NextResponse(null, { status: 304, headers });
  return new NextResponse(body, { headers: { ...headers, "Content-Type": "application/json" } });
});
