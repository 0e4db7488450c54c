"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db, databaseUrlOf } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { importJob } from "@/lib/import/jobs";
import { checkImportRequest } from "@/lib/import/request";
import type { ImportSummary } from "@/lib/import/run/context";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { importJobRefSchema, importRequestSchema } from "@/lib/validation/import";

/** Runs the import in a transaction that is rolled back: the admin sees what would be stored, or exactly what is wrong. */
export const validateImportAction = defineAction("data:import", importRequestSchema, async (input): Promise<ImportSummary[]> => {
  const { kind, path, options } = checkImportRequest(input);
  return [await kind.run({ url: databaseUrlOf(), dataset: input.dataset, dryRun: true }, path, options)].flat();
});

/** Queues the import; any worker picks it up, and its progress shows on every app server. */
export const startImportAction = defineAction(
  "data:import",
  importRequestSchema,
  async (input, user) => {
    const { path, options } = checkImportRequest(input);
    return enqueueJob(db, databaseUrlOf(), importJob, { ...input, path, options }, user.id);
  },
  "startImport",
);

export const cancelImportAction = defineAction(
  "data:import",
  importJobRefSchema,
  async (input) => ({ outcome: await cancelJob(db, input.jobId, importJob.name) }),
  "cancelImport",
);
