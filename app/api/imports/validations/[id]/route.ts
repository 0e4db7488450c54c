import { type NextRequest, NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { findImportValidation } from "@/lib/data/jobs";
import { withRouteMetrics } from "@/lib/route-metrics";
import { parseId } from "@/lib/validation/route-params";

const notFound = () => NextResponse.json({ error: "Not found." }, { status: 404 });

/**
 * An import validation's state and, once it succeeded, what the import would store: the import
 * form polls it while a worker validates, and reads it again after a reload (the id is in the URL).
 * Any other job, or a user who may not import, finds nothing.
 */
export const GET = withRouteMetrics("/api/imports/validations/[id]", async (_request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const jobId = parseId((await params).id);
  if (!can(user, "data:import") || jobId === null) return notFound();
  const validation = await findImportValidation(jobId);
  if (!validation) return notFound();
  return NextResponse.json(validation, { headers: { "Cache-Control": "private, no-store" } });
});
