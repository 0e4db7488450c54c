import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { type BegunExport, describeExport, exportParams, exportToFile, recordExport } from "@/lib/export/jobs";
import { type ResolvedScope, resolveExportScope } from "@/lib/export/scope";
import { defineJobKind } from "@/lib/jobs/define-job";
import { cancelJob, enqueueJobWithin } from "@/lib/jobs/queue";
import { cleanRuleSchema, type ExportRequest, NAME_OF_FORMAT } from "@/lib/validation/export";
import { exportJobPayloadSchema } from "@/lib/validation/jobs";

/**
 * An export on the queue. Its history row is made when it is queued (so it is listed, with its
 * job, before any worker takes it); the job writes the file under $RELABEL_HOME/exports under a
 * temporary name and renames it when complete, so a killed worker leaves no file and the retry
 * writes it again from a fresh snapshot. Any app server that sees that folder serves the download.
 */
export const exportJob = defineJobKind({
  name: "export",
  payload: exportJobPayloadSchema,
  title: (payload) => `Export ${payload.exportId}`,
  maxAttempts: 3,
  async run(payload, ctx) {
    const begun = await loadQueuedExport(ctx.db, payload.exportId);
    const total = await imagesInScope(ctx.db, begun.scope);
    await ctx.db.export.update({ where: { id: begun.id }, data: { status: "RUNNING", rows: 0, finishedAt: null, message: "" } });
    ctx.progress(0, total, "Writing");
    const summary = await exportToFile(ctx.db, ctx.url, begun, {
      signal: ctx.signal,
      onProgress: ({ images }) => ctx.progress(images, total, `${images.toLocaleString("en")} of ${total.toLocaleString("en")} images written`),
    });
    ctx.progress(summary.images, total, describeExport(summary, begun.params));
    return { exportId: begun.id, rows: summary.rows, bytes: summary.bytes };
  },
});

/** Records the export as queued and queues its job in one transaction: neither exists without the other. */
export async function queueExport(db: Db, url: string, request: ExportRequest, userId: number | null): Promise<{ exportId: number; jobId: number }> {
  const scope = await resolveExportScope(db, request);
  return db.$transaction(async (tx) => {
    const { id } = await recordExport(tx, request, scope, userId, {}, "QUEUED");
    const { jobId } = await enqueueJobWithin(tx, url, exportJob, { exportId: id }, userId);
    await tx.export.update({ where: { id }, data: { jobId } });
    return { exportId: id, jobId };
  });
}

/** Cancels a queued export's job (a queued one at once, a running one within a second); the export row follows it. */
export async function cancelExport(db: Db, exportId: number): Promise<"cancelled" | "cancelling"> {
  const row = await db.export.findUnique({ where: { id: exportId }, select: { jobId: true } });
  if (!row?.jobId) throw new NotFoundError("That export's job");
  const outcome = await cancelJob(db, row.jobId, exportJob.name);
  if (outcome === "cancelled") {
    await db.export.updateMany({ where: { id: exportId, status: "QUEUED" }, data: { status: "CANCELLED", finishedAt: new Date(), message: "Cancelled before it started." } });
  }
  return outcome;
}

/** The request as it was queued, rebuilt from the history row (which stores exactly what was validated). */
async function loadQueuedExport(db: Db, exportId: number): Promise<BegunExport> {
  const row = await db.export.findUnique({ where: { id: exportId }, select: { format: true, campaignId: true, options: true, dataset: { select: { slug: true } } } });
  if (!row) throw new NotFoundError("That export");
  const options = (row.options ?? {}) as { clean?: unknown };
  const request: ExportRequest = {
    format: NAME_OF_FORMAT[row.format],
    dataset: row.campaignId === null ? row.dataset.slug : null,
    campaignId: row.campaignId,
    clean: cleanRuleSchema.parse(options.clean ?? {}),
  };
  const scope = await resolveExportScope(db, request);
  return { id: exportId, params: exportParams(request, scope), scope };
}

async function imagesInScope(db: Db, scope: ResolvedScope): Promise<number> {
  return scope.campaignId === null ? db.image.count({ where: { datasetId: scope.datasetId } }) : db.campaignImage.count({ where: { campaignId: scope.campaignId } });
}
