import { MAX_HELD } from "@/lib/campaigns/queue";
import { type NextRequest, NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listWorkbenchItems } from "@/lib/data/labeling";
import { withRouteMetrics } from "@/lib/route-metrics";
import { parseId } from "@/lib/validation/route-params";

/**
 * The workbench data of the images the annotator holds next (`?ids=3,4,5`), fetched while they
 * look at the current one, so submitting swaps to the next image without a server render. A read
 * (GET): images the user does not hold are left out, and it claims nothing. Not a server action:
 * those run one at a time per page, and a prefetch must never hold up a submit.
 */
export const GET = withRouteMetrics("/api/labeling/[campaignId]/items", async (request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) => {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const campaignId = parseId((await params).campaignId);
  const ids = (request.nextUrl.searchParams.get("ids") ?? "").split(",").map(parseId);
  // A foreign campaign or a missing permission reads as nothing there, like a foreign id anywhere else.
  if (!can(user, "labeling:work") || campaignId === null) return NextResponse.json({ error: "No such campaign." }, { status: 404 });
  if (ids.length > MAX_HELD || ids.some((id) => id === null)) return NextResponse.json({ error: `Up to ${MAX_HELD} image ids, separated by commas.` }, { status: 400 });
  const items = await listWorkbenchItems(user.id, campaignId, ids as number[]);
  return NextResponse.json({ items }, { headers: { "Cache-Control": "private, no-store" } });
});
