"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db, databaseUrlOf } from "@/lib/db";
import { importJob } from "@/lib/import/jobs";
import { checkImportRequest } from "@/lib/import/request";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { type ImportRequest, importJobRefSchema, importRequestSchema } from "@/lib/validation/import";

/** The path is checked here, so a refused path answers at once instead of from a worker. */
function queueImport(input: ImportRequest, userId: number, dryRun: boolean) {
  const { path, options } = checkImportRequest(input);
  return enqueueJob(db, databaseUrlOf(), importJob, { ...input, path, options, dryRun }, userId);
}

/**
 * Queues the import's validation: a worker runs the whole import and rolls it back, so the admin
 * sees what would be stored, or exactly what is wrong, without a request waiting on a long parse.
 */
export const validateImportAction = defineAction("data:import", importRequestSchema, (input, user) => queueImport(input, user.id, true), "validateImport");

/** Queues the import; any worker picks it up, and its progress shows on every app server. */
export const startImportAction = defineAction("data:import", importRequestSchema, (input, user) => queueImport(input, user.id, false), "startImport");

export const cancelImportAction = defineAction(
  "data:import",
  importJobRefSchema,
  async (input) => ({ outcome: await cancelJob(db, input.jobId, importJob.name) }),
  "cancelImport",
);
