"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db, databaseUrlOf } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { resolveImportPath } from "@/lib/import/allowed-paths";
import { importJob } from "@/lib/import/jobs";
import { findImportKind } from "@/lib/import/kinds";
import type { ImportSummary } from "@/lib/import/run/context";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { importJobRefSchema, importRequestSchema, type ImportRequestInput } from "@/lib/validation/import";

function checked(input: ImportRequestInput) {
  const kind = findImportKind(input.kind);
  if (!kind) throw new ExpectedError(`Unknown import kind "${input.kind}".`);
  const path = input.options.urlTemplate ? input.path : resolveImportPath(input.path);
  return { kind, path };
}

/** Runs the import in a transaction that is rolled back: the admin sees what would be stored, or exactly what is wrong. */
export const validateImportAction = defineAction("data:import", importRequestSchema, async (input): Promise<ImportSummary[]> => {
  const { kind, path } = checked(input);
  return [await kind.run({ url: databaseUrlOf(), dataset: input.dataset, dryRun: true }, path, input.options)].flat();
});

/** Queues the import; any worker picks it up, and its progress shows on every app server. */
export const startImportAction = defineAction(
  "data:import",
  importRequestSchema,
  async (input, user) => {
    const { path } = checked(input);
    return enqueueJob(db, databaseUrlOf(), importJob, { ...input, path }, user.id);
  },
  "startImport",
);

export const cancelImportAction = defineAction(
  "data:import",
  importJobRefSchema,
  async (input) => ({ outcome: await cancelJob(db, input.jobId, importJob.name) }),
  "cancelImport",
);
