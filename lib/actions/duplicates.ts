"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { requireDatasetId } from "@/lib/datasets";
import { db, databaseUrlOf } from "@/lib/db";
import { applyLabelToGroup, excludeGroupMembers, setGroupVerdict } from "@/lib/duplicates/group-review";
import { duplicateScanJob } from "@/lib/duplicates/scan-job";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { queueSuspectRefreshForGroup } from "@/lib/suspects/job";
import { duplicateScanRequestSchema, jobRefSchema } from "@/lib/validation/jobs";
import { applyGroupLabelSchema, excludeMembersSchema, groupVerdictSchema } from "@/lib/validation/duplicates";

export const setGroupVerdictAction = defineAction("review:resolve", groupVerdictSchema, async (input, user) => {
  await setGroupVerdict(db, user.id, input.groupId, input.verdict);
  // "Not a duplicate" takes the group out of the suspect score's duplicate part (and back in when undone).
  await queueSuspectRefreshForGroup(db, databaseUrlOf(), input.groupId, user.id);
  revalidatePath(`/duplicates/${input.groupId}`);
  return null;
});

export const applyGroupLabelAction = defineAction("review:resolve", applyGroupLabelSchema, async (input, user) => {
  const result = await applyLabelToGroup(db, user.id, input);
  revalidatePath(`/duplicates/${input.groupId}`);
  return result;
});

export const excludeGroupMembersAction = defineAction("review:resolve", excludeMembersSchema, async (input, user) => {
  const result = await excludeGroupMembers(db, user.id, input);
  revalidatePath(`/duplicates/${input.groupId}`);
  return result;
});

/** Queues hashing and regrouping for a dataset; a scan already queued or running is returned instead. */
export const startDuplicateScanAction = defineAction(
  "data:import",
  duplicateScanRequestSchema,
  async (input, user) => {
    await requireDatasetId(db, input.dataset);
    const queued = await enqueueJob(db, databaseUrlOf(), duplicateScanJob, input, user.id);
    revalidatePath("/duplicates");
    return queued;
  },
  "startDuplicateScan",
);

export const cancelDuplicateScanAction = defineAction(
  "data:import",
  jobRefSchema,
  async (input) => ({ outcome: await cancelJob(db, input.jobId, duplicateScanJob.name) }),
  "cancelDuplicateScan",
);
