import { PassThrough, Readable } from "node:stream";
import { type NextRequest, NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { db, databaseUrlOf } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { beginExport, exportFileName, runRecordedExport } from "@/lib/export/jobs";
import { exportRequestSchema, FORMAT_FILE_EXTENSION } from "@/lib/validation/export";

const CONTENT_TYPE: Record<string, string> = { "real-json": "application/json", csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson", "clean-list": "text/plain; charset=utf-8" };

/**
 * Streams an export straight from the database to the client, without a file
 * (`/api/exports/stream?format=csv&campaign=3` or `&dataset=imagenet-val`; the clean list takes its
 * default rule). It is recorded in the history like any export. When the client goes away the
 * request's signal aborts the export, which ends the COPY and frees its connection.
 */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user || !can(user, "data:export")) return NextResponse.json({ error: "Not found." }, { status: 404 });
  const query = request.nextUrl.searchParams;
  const campaign = query.get("campaign");
  const parsed = exportRequestSchema.safeParse({ format: query.get("format"), dataset: query.get("dataset"), campaignId: campaign === null ? null : Number(campaign) });
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  let begun;
  try {
    begun = await beginExport(db, parsed.data, user.id, { via: "stream" });
  } catch (error) {
    if (error instanceof ExpectedError) return NextResponse.json({ error: error.message }, { status: error.name === "NotFoundError" ? 404 : 400 });
    throw error;
  }
  const body = new PassThrough();
  const controller = new AbortController();
  request.signal.addEventListener("abort", () => controller.abort(), { once: true });
  void runRecordedExport(db, databaseUrlOf(), begun, body, { signal: controller.signal }).catch((error: unknown) => {
    if (!controller.signal.aborted) console.error(`[export ${begun.id}]`, error);
    body.destroy();
  });
  const name = exportFileName(begun).replace(/\.[^.]+$/, `.${FORMAT_FILE_EXTENSION[parsed.data.format]}`);
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: { "Content-Type": CONTENT_TYPE[parsed.data.format]!, "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
  });
}
