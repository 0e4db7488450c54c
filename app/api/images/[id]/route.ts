import { type NextRequest, NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { locateImage, openImageStream } from "@/lib/data/image-files";
import { parseId } from "@/lib/validation/route-params";
import { withRouteMetrics } from "@/lib/route-metrics";

/** Image pixels, only of images the user may see. Cached privately by the browser: an image's bytes never change. */
export const GET = withRouteMetrics("/api/images/[id]", async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const id = parseId((await params).id);
  const location = id === null ? null : await locateImage(user, id);
  if (!location) return NextResponse.json({ error: "No such image." }, { status: 404 });
  if (location.kind === "missing") return NextResponse.json({ error: "This image's pixels are not available on the server." }, { status: 404 });
  if (location.kind === "url") return NextResponse.redirect(location.url, 302);

  const caching = { "Cache-Control": "private, max-age=31536000, immutable", ETag: location.etag };
  if (request.headers.get("if-none-match") === location.etag) return new NextResponse(null, { status: 304, headers: caching });
  return new NextResponse(openImageStream(location.path), {
    headers: { ...caching, "Content-Type": location.contentType, "Content-Length": String(location.size), "X-Content-Type-Options": "nosniff" },
  });
});
