import { recordAudit } from "@/lib/audit/record";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import type { Tx } from "@/lib/campaigns/queue";
import type { Db } from "@/lib/db";
import { relabelHome } from "@/lib/db/local-database";
import { type ExportParams, type ExportRunOptions, type ExportSummary, runExport } from "@/lib/export/run-export";
import { resolveExportScope, type ResolvedScope } from "@/lib/export/scope";
import { type ExportFormatName, type ExportRequest, FORMAT_FILE_EXTENSION, FORMAT_OF_NAME } from "@/lib/validation/export";

export function exportsFolder(): string {
  return path.join(relabelHome(), "exports");
}

export interface BegunExport {
  id: number;
  params: ExportParams;
  scope: ResolvedScope;
}

/** Records the export as running; the row is the history entry and, once done, the download's key. */
export async function beginExport(db: Db, request: ExportRequest, userId: number | null, note: Record<string, string> = {}): Promise<BegunExport> {
  const scope = await resolveExportScope(db, request);
  const row = await db.$transaction((tx) => recordExport(tx, request, scope, userId, note, "RUNNING"));
  return { id: row.id, params: exportParams(request, scope), scope };
}

export const exportParams = (request: ExportRequest, scope: ResolvedScope): ExportParams => ({ format: request.format, scope, clean: request.clean });

/** The history row and its audit entry, in the caller's transaction (a queued export's job joins it). */
export async function recordExport(tx: Tx, request: ExportRequest, scope: ResolvedScope, userId: number | null, note: Record<string, string>, status: "RUNNING" | "QUEUED") {
  const options = { ...(request.format === "clean-list" ? { clean: request.clean } : {}), ...note };
  const created = await tx.export.create({
    data: { format: FORMAT_OF_NAME[request.format], datasetId: scope.datasetId, campaignId: scope.campaignId, options, createdById: userId, status },
    select: { id: true },
  });
  await recordAudit(tx, { userId, action: "export.start", entity: "export", entityId: created.id, details: { format: request.format, dataset: scope.dataset, campaignId: scope.campaignId, ...options } });
  return created;
}

/** Runs a begun export into `sink` and records how it ended. */
export async function runRecordedExport(db: Db, url: string, begun: BegunExport, sink: Writable, options: ExportRunOptions & { fileName?: string } = {}): Promise<ExportSummary> {
  try {
    const summary = await runExport(url, begun.params, sink, {
      signal: options.signal,
      onProgress: (progress) => {
        options.onProgress?.(progress);
        void db.export.update({ where: { id: begun.id }, data: { rows: progress.images } }).catch(() => {});
      },
    });
    await db.export.update({
      where: { id: begun.id },
      data: {
        status: "SUCCEEDED", finishedAt: new Date(), rows: summary.rows, bytes: summary.bytes, fileName: options.fileName ?? null,
        consensusRows: summary.consensusRows, consensusUpdatedAt: summary.consensusUpdatedAt ? new Date(summary.consensusUpdatedAt) : null,
        message: describeExport(summary, begun.params),
      },
    });
    return summary;
  } catch (error) {
    const aborted = options.signal?.aborted;
    await db.export
      .update({ where: { id: begun.id }, data: aborted ? { status: "CANCELLED", finishedAt: new Date(), message: "Stopped before the end; no file was kept." } : { status: "FAILED", finishedAt: new Date(), message: "The export failed; no file was kept." } })
      .catch(() => {});
    throw error;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** What a finished export holds, in words; an empty scope says so instead of looking like a failure. */
export function describeExport(summary: ExportSummary, { format, scope }: Pick<ExportParams, "format" | "scope">): string {
  if (summary.images === 0) return "The scope has no images: the file is valid and empty.";
  const what = { "real-json": plural(summary.rows, "label list"), csv: plural(summary.rows, "line"), jsonl: plural(summary.rows, "record"), "clean-list": plural(summary.rows, "clean file") }[format];
  const parts = [`${what} for ${plural(summary.images, "image")} in scope`];
  if (summary.skipped) parts.push(`${plural(summary.skipped, "file")} without a validation number left out (ReaL JSON is positional)`);
  if (summary.consensusRows === 0) parts.push(scope.campaignId === null ? "no consensus published yet: publish the dataset's consensus (under Dataset consensus on the exports page, or relabel consensus --publish) or export a campaign" : "no consensus yet: every image is unlabeled");
  return parts.join("; ");
}

/**
 * Writes the export under $RELABEL_HOME/exports. The file appears under its final name only when
 * complete, so a download never serves half a file.
 */
export async function exportToFile(db: Db, url: string, begun: BegunExport, options: ExportRunOptions = {}): Promise<ExportSummary> {
  const folder = exportsFolder();
  await mkdir(folder, { recursive: true });
  const fileName = exportFileName(begun);
  const partial = path.join(folder, `${fileName}.partial`);
  try {
    const summary = await runRecordedExport(db, url, begun, createWriteStream(partial), { ...options, fileName });
    await rename(partial, path.join(folder, fileName));
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export function exportFileName(begun: Pick<BegunExport, "id" | "params" | "scope">): string {
  const scope = begun.scope.campaignId === null ? begun.scope.dataset : `campaign-${begun.scope.campaignId}`;
  return `relabel-${begun.id}-${scope.replace(/[^\w.-]/g, "_")}-${begun.params.format}.${FORMAT_FILE_EXTENSION[begun.params.format]}`;
}

/**
 * At start-up, an export this machine ran outside the queue (the CLI's, a download stream) and left
 * "running" was cut off by a restart. Queued exports belong to their jobs, which workers retry.
 */
export async function markInterruptedExports(db: Db): Promise<number> {
  const { count } = await db.export.updateMany({
    where: { status: "RUNNING", jobId: null },
    data: { status: "FAILED", finishedAt: new Date(), message: "Interrupted by a server restart; no file was kept." },
  });
  return count;
}
