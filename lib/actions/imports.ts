"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db, databaseUrlOf } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { requestCancel, startImportJob } from "@/lib/import/jobs";
import { checkImportRequest } from "@/lib/import/request";
import type { ImportSummary } from "@/lib/import/run/context";
import { importJobRefSchema, importRequestSchema } from "@/lib/validation/import";

/** Runs the import in a transaction that is rolled back: the admin sees what would be stored, or exactly what is wrong. */
export const validateImportAction = defineAction("data:import", importRequestSchema, async (input): Promise<ImportSummary[]> => {
  const { kind, path, options } = checkImportRequest(input);
  return [await kind.run({ url: databaseUrlOf(), dataset: input.dataset, dryRun: true }, path, options)].flat();
});

export const startImportAction = defineAction("data:import", importRequestSchema, async (input, user) => {
  const { path, options } = checkImportRequest(input);
  return { jobId: await startImportJob(db, databaseUrlOf(), { ...input, path, options }, user.id) };
});

export const cancelImportAction = defineAction("data:import", importJobRefSchema, async (input) => {
  if (!(await requestCancel(db, input.jobId))) throw new ExpectedError("That import is not running.");
  return null;
});
