import { type NextRequest, NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { listClassExamples } from "@/lib/data/class-examples";
import { NotFoundError } from "@/lib/errors";
import { parseId } from "@/lib/validation/route-params";
import { withRouteMetrics } from "@/lib/route-metrics";


/**
 * Image ids of other examples of a class (`?campaign=<id>&exclude=<image id>`), for the labeling
 * screen's thumbnail strip. The campaign decides what may be shown (a blind pass shows no labeled
 * examples); only reviewers may leave it out.
 */
export const GET = withRouteMetrics("/api/classes/[index]/examples", async (request: NextRequest, { params }: { params: Promise<{ index: string }> }) => {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const raw = (await params).index;
  const index = /^\d{1,3}$/.test(raw) ? Number(raw) : null;
  if (index === null) return NextResponse.json({ error: "No such class." }, { status: 404 });
  const search = request.nextUrl.searchParams;
  const campaign = search.get("campaign");
  const campaignId = campaign === null ? null : parseId(campaign);
  if (campaign !== null && campaignId === null) return NextResponse.json({ error: "No such campaign." }, { status: 404 });
  try {
    const ids = await listClassExamples(user, index, { campaignId, excludeImageId: parseId(search.get("exclude") ?? "") });
    return NextResponse.json({ images: ids.map((id) => ({ id, url: `/api/images/${id}` })) }, { headers: { "Cache-Control": "private, max-age=300" } });
  } catch (error) {
    if (error instanceof NotFoundError) return NextResponse.json({ error: "No such campaign." }, { status: 404 });
    throw error;
  }
});
