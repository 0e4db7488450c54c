import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { ImportError } from "@/lib/import/import-error";
import { findImportKind, type ImportOptions } from "@/lib/import/kinds";
import type { ImportSummary } from "@/lib/import/run/context";

export interface ImportRequest {
  kind: string;
  path: string;
  dataset: string;
  options: ImportOptions;
}

// Jobs running in this process, so a cancel can abort at once; other processes see the flag in the database.
const running = new Map<number, AbortController>();
const CANCEL_POLL_MS = 500;

/**
 * Records an import job and runs it in the background of this server process. Progress,
 * outcome and errors live in import_jobs, so the admin page can follow a job across reloads.
 */
export async function startImportJob(db: Db, url: string, request: ImportRequest, userId: number | null): Promise<number> {
  const kind = findImportKind(request.kind);
  if (!kind) throw new ImportError(request.path, null, `Unknown import kind "${request.kind}".`);
  const job = await db.$transaction(async (tx) => {
    const created = await tx.importJob.create({
      data: { kind: request.kind, path: request.path, options: { ...request.options, dataset: request.dataset }, status: "RUNNING", createdById: userId },
      select: { id: true },
    });
    await recordAudit(tx, { userId, action: "import.start", entity: "import", entityId: created.id, details: { kind: request.kind, path: request.path, dataset: request.dataset } });
    return created;
  });
  const controller = new AbortController();
  running.set(job.id, controller);
  const poll = setInterval(async () => {
    const current = await db.importJob.findUnique({ where: { id: job.id }, select: { cancelRequested: true } }).catch(() => null);
    if (current?.cancelRequested) controller.abort();
  }, CANCEL_POLL_MS);

  void kind
    .run({ url, dataset: request.dataset, signal: controller.signal, onProgress: (step) => void progress(db, job.id, step) }, request.path, request.options)
    .then(async (result) => {
      const summaries: ImportSummary[] = [result].flat();
      const stored = summaries.reduce((sum, s) => sum + s.stored, 0);
      await finishJob(db, job.id, userId, { status: "SUCCEEDED", finishedAt: new Date(), result: summaries as object[], done: stored, message: "done" }, { stored });
    })
    .catch(async (error: unknown) => {
      const cancelled = controller.signal.aborted;
      const message = cancelled ? "Cancelled; nothing from this step was written." : error instanceof ImportError ? error.message : "The import failed unexpectedly; nothing from this step was written.";
      await finishJob(db, job.id, userId, { status: cancelled ? "CANCELLED" : "FAILED", finishedAt: new Date(), message }, {});
      if (!cancelled && !(error instanceof ImportError)) console.error(`[import ${job.id}]`, error);
    })
    .finally(() => {
      clearInterval(poll);
      running.delete(job.id);
    });
  return job.id;
}

/** The job's final state and its audit entry, together. */
async function finishJob(
  db: Db,
  jobId: number,
  userId: number | null,
  data: { status: "SUCCEEDED" | "FAILED" | "CANCELLED"; finishedAt: Date; message: string; result?: object[]; done?: number },
  details: Record<string, unknown>,
) {
  await db.$transaction(async (tx) => {
    await tx.importJob.update({ where: { id: jobId }, data });
    await recordAudit(tx, { userId, action: "import.finish", entity: "import", entityId: jobId, details: { status: data.status, ...details } });
  });
}

async function progress(db: Db, jobId: number, step: string) {
  await db.importJob.update({ where: { id: jobId }, data: { message: step } }).catch(() => {});
}

export async function requestCancel(db: Db, jobId: number): Promise<boolean> {
  const updated = await db.importJob.updateMany({ where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { cancelRequested: true } });
  running.get(jobId)?.abort();
  return updated.count > 0;
}

/** At start-up nothing can be running yet: jobs left "running" were cut off by a restart (their transaction rolled back). */
export async function markInterruptedImports(db: Db): Promise<number> {
  const { count } = await db.importJob.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "FAILED", finishedAt: new Date(), message: "Interrupted by a server restart; nothing from the interrupted step was written." },
  });
  return count;
}
