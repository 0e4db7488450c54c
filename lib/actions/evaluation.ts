"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { requireDatasetId } from "@/lib/datasets";
import { db, databaseUrlOf } from "@/lib/db";
import { queueEvaluation } from "@/lib/evaluation/evaluation-job";
import { evaluationJobPayloadSchema } from "@/lib/validation/jobs";

/**
 * Queues the dataset's evaluation table (the page never computes it). The permission is the one
 * that evaluates models; a request while one waits joins it, so repeated clicks cost nothing.
 */
export const recomputeEvaluationAction = defineAction(
  "data:export",
  evaluationJobPayloadSchema,
  async (input, user) => {
    await requireDatasetId(db, input.dataset);
    const queued = await queueEvaluation(db, databaseUrlOf(), input.dataset, user.id);
    revalidatePath("/admin/evaluation");
    return queued;
  },
  "recomputeEvaluation",
);
