"use server";

import { defineAction } from "@/lib/actions/define-action";
import { previousImageId, skipImage } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { saveDraft, submitDecision } from "@/lib/decisions/decisions";
import { imageRefSchema, saveDraftSchema, skipImageSchema, submitDecisionSchema } from "@/lib/validation/labeling";

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

export const previousImageAction = defineAction("labeling:work", imageRefSchema.partial({ imageId: true }), async (input, user) =>
  previousImageId(db, user.id, input.campaignId, input.imageId ?? null),
);
