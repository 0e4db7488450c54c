import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { type NextRequest, NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { findDownloadableExport } from "@/lib/data/exports";
import { exportsFolder } from "@/lib/export/jobs";
import { exportRefSchema } from "@/lib/validation/export";

const CONTENT_TYPE: Record<string, string> = {
  REAL_JSON: "application/json",
  CSV: "text/csv; charset=utf-8",
  JSONL: "application/x-ndjson",
  CLEAN_LIST: "text/plain; charset=utf-8",
};

const notFound = () => NextResponse.json({ error: "Not found." }, { status: 404 });

/** A finished export's file, streamed from disk. The link is stable (the export's id), so it survives reloads. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user || !can(user, "data:export")) return notFound();
  const ref = exportRefSchema.safeParse({ exportId: (await params).id });
  if (!ref.success) return notFound();
  const found = await findDownloadableExport(ref.data.exportId);
  if (!found?.fileName) return notFound();
  // The name comes from our own row, but the file must still be inside the exports folder.
  const file = path.join(exportsFolder(), path.basename(found.fileName));
  const info = await stat(file).catch(() => null);
  if (!info) return NextResponse.json({ error: "The file of this export is gone; export again." }, { status: 410 });
  const stream = createReadStream(file);
  // A client that goes away mid-download cancels the web stream; the file handle is closed with it.
  request.signal.addEventListener("abort", () => stream.destroy(), { once: true });
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": CONTENT_TYPE[found.format] ?? "application/octet-stream",
      "Content-Length": String(info.size),
      "Content-Disposition": `attachment; filename="${path.basename(found.fileName).replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
