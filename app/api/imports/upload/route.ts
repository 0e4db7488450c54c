import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type NextRequest, NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { uploadsFolder } from "@/lib/import/allowed-paths";
import { uploadFileName } from "@/lib/import/upload-name";

const MAX_BYTES = 1024 ** 3;

/**
 * Streams an uploaded file to the uploads folder (an import root) and returns its server path
 * for the import form. The body is the raw file; its name comes in `x-file-name`.
 */
export async function POST(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user || !can(user, "data:import")) return NextResponse.json({ error: "Not found." }, { status: 404 });
  const name = uploadFileName(request.headers.get("x-file-name"));
  if (!name) return NextResponse.json({ error: "The upload needs a file name (x-file-name, URI-encoded)." }, { status: 400 });
  if (!request.body) return NextResponse.json({ error: "The upload is empty." }, { status: 400 });

  const folder = path.join(uploadsFolder(), randomUUID());
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, name);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(received > MAX_BYTES ? new Error("too large") : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream), limit, createWriteStream(target));
  } catch {
    await rm(folder, { recursive: true, force: true });
    return NextResponse.json({ error: received > MAX_BYTES ? "Uploads are limited to 1 GiB; give a server path instead." : "The upload was interrupted." }, { status: 400 });
  }
  return NextResponse.json({ path: target });
}
