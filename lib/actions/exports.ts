"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db, databaseUrlOf } from "@/lib/db";
import { cancelExport, queueExport } from "@/lib/export/export-job";
import { exportRefSchema, exportRequestSchema } from "@/lib/validation/export";

/** Queues the export; any worker writes it, and every app server shows its progress through its history row and job. */
export const startExportAction = defineAction("data:export", exportRequestSchema, (input, user) => queueExport(db, databaseUrlOf(), input, user.id), "startExport");

export const cancelExportAction = defineAction("data:export", exportRefSchema, async (input) => ({ outcome: await cancelExport(db, input.exportId) }), "cancelExport");
