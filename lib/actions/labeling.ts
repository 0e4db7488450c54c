"use server";

import { defineAction } from "@/lib/actions/define-action";
import { holdImages, previousImageId, skipImage } from "@/lib/campaigns/queue";
import { PREFETCH_DEPTH } from "@/lib/data/upcoming-images";
import { db } from "@/lib/db";
import { saveDraft, submitDecision } from "@/lib/decisions/decisions";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { campaignRefSchema, imageRefSchema, saveDraftSchema, skipImageSchema, submitDecisionSchema } from "@/lib/validation/labeling";

/** The images to label next, oldest claim first: held ones, topped up with new claims. Pages only read; claiming happens here. */
async function claimAhead(userId: number, campaignId: number): Promise<number[]> {
  return (await holdImages(db, userId, campaignId, PREFETCH_DEPTH)).map((claim) => claim.imageId);
}

export const claimNextImagesAction = defineAction("labeling:work", campaignRefSchema, (input, user) => claimAhead(user.id, input.campaignId), "claimNextImages");

/** Submits, then claims ahead so the next images are ready; `next` is empty when nothing is left (or the campaign closed meanwhile). */
export const submitDecisionAction = defineAction(
  "labeling:work",
  submitDecisionSchema,
  async (input, user) => {
    const submitted = await submitDecision(db, user.id, input);
    metrics.submits.inc({ outcome: submitted.created ? "created" : "replayed" });
    let next: number[] = [];
    try {
      next = await claimAhead(user.id, input.campaignId);
    } catch (error) {
      // The decision is saved; only the way forward is unknown, and the campaign page explains it.
      if (!(error instanceof ExpectedError) || error instanceof NotFoundError) throw error;
    }
    return { ...submitted, next };
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
