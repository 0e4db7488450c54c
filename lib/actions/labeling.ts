"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { holdImages, PREFETCH_DEPTH, previousImageId, skipImage } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { saveDraft, submitDecision } from "@/lib/decisions/decisions";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { parseId } from "@/lib/validation/route-params";
import { campaignRefSchema, previousImageSchema, saveDraftSchema, skipImageSchema, submitDecisionRequestSchema } from "@/lib/validation/labeling";

/** The images to label next, oldest claim first: held ones, topped up with new claims. Pages only read; claiming happens here. */
async function claimAhead(userId: number, campaignId: number, sending: readonly number[] = []): Promise<number[]> {
  return (await holdImages(db, userId, campaignId, PREFETCH_DEPTH, sending)).map((claim) => claim.imageId);
}

export const claimNextImagesAction = defineAction("labeling:work", campaignRefSchema, (input, user) => claimAhead(user.id, input.campaignId), "claimNextImages");

/**
 * "Start labeling" (a form, so it works before hydration too): claims ahead and opens the first
 * held image in one POST. When nothing can be claimed, the campaign page (a read) says why.
 */
export async function startLabelingAction(form: FormData): Promise<never> {
  // A crafted post decodes to any value, not only a form's FormData: anything else goes home like a bad id (it threw a TypeError).
  const campaignId = form instanceof FormData ? parseId(String(form.get("campaignId") ?? "")) : null;
  if (campaignId === null) redirect("/");
  const claimed = await claimNextImagesAction({ campaignId });
  redirect(claimed.ok && claimed.data[0] !== undefined ? `/label/${campaignId}/${claimed.data[0]}` : `/label/${campaignId}`);
}

/** Submits, then claims ahead so the next images are ready; `next` is empty when nothing is left (or the campaign closed meanwhile). */
export const submitDecisionAction = defineAction(
  "labeling:work",
  submitDecisionRequestSchema,
  async (input, user) => {
    const submitted = await submitDecision(db, user.id, input);
    metrics.submits.inc({ outcome: submitted.created ? "created" : "replayed" });
    let next: number[] = [];
    try {
      next = await claimAhead(user.id, input.campaignId, input.sending);
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

export const previousImageAction = defineAction("labeling:work", previousImageSchema, async (input, user) =>
  previousImageId(db, user.id, input.campaignId, input.imageId ?? null, input.sending),
  "previousImage",
);
