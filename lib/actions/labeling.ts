"use server";

import { defineAction } from "@/lib/actions/define-action";
import { claimNextImage, previousImageId, skipImage } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { saveDraft, submitDecision } from "@/lib/decisions/decisions";
import { claimSchema, imageRefSchema, saveDraftSchema, skipImageSchema, submitDecisionSchema } from "@/lib/validation/labeling";

export const submitDecisionAction = defineAction("labeling:work", submitDecisionSchema, (input, user) =>
  submitDecision(db, user.id, input),
);

export const saveDraftAction = defineAction("labeling:work", saveDraftSchema, async (input, user) => {
  const { savedAt } = await saveDraft(db, user.id, input);
  return { savedAt: savedAt.toISOString() };
});

export const skipImageAction = defineAction("labeling:work", skipImageSchema, async (input, user) => {
  await skipImage(db, user.id, input.campaignId, input.imageId, input.reason);
  return null;
});

/** The next image to label; null when the campaign has nothing left for this user. */
export const claimNextImageAction = defineAction("labeling:work", claimSchema, async (input, user) => {
  const claim = await claimNextImage(db, user.id, input.campaignId);
  return claim ? { imageId: claim.imageId } : null;
});

export const previousImageAction = defineAction("labeling:work", imageRefSchema.partial({ imageId: true }), async (input, user) =>
  previousImageId(db, user.id, input.campaignId, input.imageId ?? null),
);
