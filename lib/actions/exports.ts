"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db, databaseUrlOf } from "@/lib/db";
import { startExportJob } from "@/lib/export/jobs";
import { exportRequestSchema } from "@/lib/validation/export";

/** Starts an export in the background; the page follows it through its history row (so a reload loses nothing). */
export const startExportAction = defineAction("data:export", exportRequestSchema, async (input, user) => {
  return { exportId: await startExportJob(db, databaseUrlOf(), input, user.id) };
});
