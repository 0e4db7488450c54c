"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db";
import { cancelJob } from "@/lib/jobs/queue";
import { jobRefSchema } from "@/lib/validation/jobs";

/** /admin/jobs cancels any kind: the operators' page (admins only), beside each feature's own cancel. */
export const cancelAnyJobAction = defineAction("system:monitor", jobRefSchema, async (input) => ({ outcome: await cancelJob(db, input.jobId) }), "cancelJob");
