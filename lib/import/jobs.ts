import { ImportError } from "@/lib/import/import-error";
import { findImportKind } from "@/lib/import/kinds";
import type { ImportSummary } from "@/lib/import/run/context";
import { defineJobKind } from "@/lib/jobs/define-job";
import { importJobPayloadSchema } from "@/lib/validation/jobs";

/**
 * An import on the job queue. Every import step writes in one transaction (and replaces what its
 * source wrote before), so a worker killed mid-import leaves the database as it was, and the retry
 * on another worker redoes the step from the start.
 */
export const importJob = defineJobKind({
  name: "import",
  payload: importJobPayloadSchema,
  title: (payload) => `${payload.kind} · ${payload.path}`,
  // The same file into the same dataset twice at once would only do the work twice.
  dedupKey: (payload) => `import:${payload.dataset}:${payload.kind}:${payload.path}`,
  maxAttempts: 3,
  async run(payload, ctx): Promise<ImportSummary[]> {
    const kind = findImportKind(payload.kind);
    if (!kind) throw new ImportError(payload.path, null, `Unknown import kind "${payload.kind}".`);
    const result = await kind.run(
      { url: ctx.url, dataset: payload.dataset, signal: ctx.signal, onProgress: (step) => ctx.progress(null, null, step) },
      payload.path,
      payload.options,
    );
    const summaries = [result].flat();
    const stored = summaries.reduce((sum, summary) => sum + summary.stored, 0);
    ctx.progress(stored, stored, `${stored.toLocaleString("en")} rows stored`);
    return summaries;
  },
});
