import { type NextRequest, NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { listClassExamples } from "@/lib/data/class-examples";
import { parseId } from "@/lib/validation/route-params";
import { withRouteMetrics } from "@/lib/route-metrics";

/** Image ids of other examples of a class (`?exclude=<image id>`), for the labeling screen's thumbnail strip. */
export const GET = withRouteMetrics("/api/classes/[index]/examples", async (request: NextRequest, { params }: { params: Promise<{ index: string }> }) => {
  if (!(await getCurrentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const raw = (await params).index;
  const index = /^\d{1,3}$/.test(raw) ? Number(raw) : null;
  if (index === null) return NextResponse.json({ error: "No such class." }, { status: 404 });
  const exclude = parseId(request.nextUrl.searchParams.get("exclude") ?? "");
  const ids = await listClassExamples(index, exclude);
  return NextResponse.json({ images: ids.map((id) => ({ id, url: `/api/images/${id}` })) }, { headers: { "Cache-Control": "private, max-age=300" } });
});
