import { readFile } from "node:fs/promises";
import { type NextRequest, NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { locateImage } from "@/lib/data/image-files";
import { pixelDifference } from "@/lib/duplicates/pixel-difference";
import { parseId } from "@/lib/validation/route-params";

/** |a − b| of two images as PNG, for reviewers; anyone else learns nothing about the ids (404). */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const [a, b] = ["a", "b"].map((name) => parseId(request.nextUrl.searchParams.get(name) ?? ""));
  if (!can(user, "review:read") || !a || !b) return NextResponse.json({ error: "No such images." }, { status: 404 });
  const [la, lb] = await Promise.all([locateImage(user, a), locateImage(user, b)]);
  if (la?.kind !== "file" || lb?.kind !== "file") return NextResponse.json({ error: "The pixels of these images are not available on the server." }, { status: 404 });
  try {
    const png = await pixelDifference(await readFile(la.path), await readFile(lb.path));
    return new NextResponse(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" } });
  } catch {
    return NextResponse.json({ error: "One of the images cannot be decoded." }, { status: 422 });
  }
}
