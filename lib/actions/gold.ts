"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { markGoldAnswers, unmarkGold } from "@/lib/gold/mark";
import { setMemberPaused } from "@/lib/gold/pause";
import { markGoldSchema, memberPauseSchema, unmarkGoldSchema } from "@/lib/validation/gold";

/** Pauses (no new claims) or resumes a campaign member. */
export const setMemberPausedAction = defineAction("campaign:manage", memberPauseSchema, async (input, user) => {
  await setMemberPaused(db, { ...input, adminId: user.id });
  return null;
});

/** Makes one image gold with the answer the admin gave: classes, ambiguous, or outside ImageNet. */
export const markGoldAction = defineAction("campaign:manage", markGoldSchema, async ({ imageId, ...outcome }, user) => {
  const image = await db.image.findUnique({ where: { id: imageId }, select: { datasetId: true, fileKey: true } });
  if (!image) throw new NotFoundError("That image");
  return markGoldAnswers(db, { datasetId: image.datasetId, entries: [{ fileKey: image.fileKey, outcome }], createdById: user.id });
});

export const unmarkGoldAction = defineAction("campaign:manage", unmarkGoldSchema, async (input, user) => {
  await unmarkGold(db, input.imageId, user.id);
  return null;
});
