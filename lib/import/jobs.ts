import { shownImportPath } from "@/lib/import/allowed-paths";
import { recordImport } from "@/lib/import/audit";
import { ImportError } from "@/lib/import/import-error";
import { findImportKind } from "@/lib/import/kinds";
import type { ImportSummary } from "@/lib/import/run/context";
import { queueEvaluationAfter } from "@/lib/evaluation/evaluation-job";
import { defineJobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { suspectsJob } from "@/lib/suspects/job";
import { type ImportJobPayload, importJobPayloadSchema } from "@/lib/validation/jobs";

const sortedOptions = (options: ImportJobPayload["options"]) => JSON.stringify(Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b))));

const storedRows = (summaries: ImportSummary[]) => summaries.reduce((sum, summary) => sum + summary.stored, 0);

/**
 * An import on the job queue, or its validation (`dryRun`): the same run, rolled back, so a
 * validation cannot disagree with the import it stands for and shares its history, progress and
 * cancel. Every import step writes in one transaction (and replaces what its source wrote
 * before), so a worker killed mid-import leaves the database as it was, and the retry on another
 * worker redoes the step from the start; a validation writes nothing at all, so its retry is free.
 */
export const importJob = defineJobKind({
  name: "import",
  payload: importJobPayloadSchema,
  title: (payload) => `${payload.dryRun ? "Validation · " : ""}${payload.kind} · ${shownImportPath(payload.path)}`,
  // The same file into the same dataset twice at once would only do the work twice. A validation's
  // summary depends on its options too, so only an equal request may be handed another's result.
  dedupKey: (payload) => `import:${payload.dataset}:${payload.kind}:${payload.path}${payload.dryRun ? `:validate:${sortedOptions(payload.options)}` : ""}`,
  maxAttempts: 3,
  async run(payload, ctx): Promise<ImportSummary[]> {
    const kind = findImportKind(payload.kind);
    if (!kind) throw new ImportError(payload.path, null, `Unknown import kind "${payload.kind}".`);
    const result = await kind
      .run(
        { url: ctx.url, dataset: payload.dataset, dryRun: payload.dryRun, signal: ctx.signal, onProgress: (step) => ctx.progress(null, null, step) },
        payload.path,
        payload.options,
      )
      .catch((error: unknown) => {
        // The job's message is what the admin reads: an uploaded file by its own name, not the server folder it sits in.
        throw error instanceof ImportError ? new ImportError(shownImportPath(error.file), error.where, error.problem) : error;
      });
    const summaries = [result].flat();
    const stored = storedRows(summaries);
    if (payload.dryRun) {
      ctx.progress(stored, stored, `Valid: importing would store ${stored.toLocaleString("en")} rows`);
      return summaries;
    }
    const job = await ctx.db.job.findUnique({ where: { id: ctx.jobId }, select: { createdById: true } });
    await recordImport(ctx.db, { userId: job?.createdById ?? null, dataset: payload.dataset, kind: payload.kind, path: payload.path, summaries });
    // Every import kind can feed the suspect score (labels, studies, models, class groups). The
    // refresh takes seconds to minutes, so it is its own job: imports in a row join one queued refresh.
    await enqueueJob(ctx.db, ctx.url, suspectsJob, { dataset: payload.dataset }, job?.createdById ?? null);
    ctx.progress(stored, stored, `${stored.toLocaleString("en")} rows stored`);
    // Any import can change a figure of the stored evaluation table: recompute it on the queue (joined while one waits).
    await queueEvaluationAfter(ctx, payload.dataset);
    return summaries;
  },
});
