"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db";
import { applyLabelToGroup, excludeGroupMembers, setGroupVerdict } from "@/lib/duplicates/group-review";
import { applyGroupLabelSchema, excludeMembersSchema, groupVerdictSchema } from "@/lib/validation/duplicates";

export const setGroupVerdictAction = defineAction("review:resolve", groupVerdictSchema, async (input, user) => {
  await setGroupVerdict(db, user.id, input.groupId, input.verdict);
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
