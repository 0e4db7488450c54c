"use server";

import { defineAction } from "@/lib/actions/define-action";
import { previousImageId, skipImage } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { saveDraft, submitDecision } from "@/lib/decisions/decisions";
import { metrics } from "@/lib/metrics";
import { imageRefSchema, saveDraftSchema, skipImageSchema, submitDecisionSchema } from "@/lib/validation/labeling";

export const submitDecisionAction = defineAction(
  "labeling:work",
  submitDecisionSchema,
  async (input, user) => {
    const submitted = await submitDecision(db, user.id, input);
    metrics.submits.inc({ outcome: submitted.created ? "created" : "replayed" });
    return submitted;
  },
  "submitDecision",
);

export const saveDraftAction = defineAction("labeling:work", saveDraftSchema, async (input, user) => {
  const { savedAt } = await saveDraft(db, user.id, input);
  return { savedAt: savedAt.toISOString() };
}, "saveDraft");

export const skipImageAction = defineAction("labeling:work", skipImageSchema, async (input, user) => {
  await skipImage(db, user.id, input.campaignId, input.imageId, input.reason);
  return null;
}, "skipImage");

export const previousImageAction = defineAction("labeling:work", imageRefSchema.partial({ imageId: true }), async (input, user) =>
  previousImageId(db, user.id, input.campaignId, input.imageId ?? null),
  "previousImage",
);
