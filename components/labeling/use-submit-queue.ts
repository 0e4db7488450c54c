"use client";

import { useEffect } from "react";
import { submitDecisionAction } from "@/lib/actions/labeling";
import { browserStore, createLocalOutbox, keptSubmits, outboxKey } from "@/lib/labeling/local-outbox";
import { unsentReason } from "@/lib/labeling/retry";
import { createSubmitQueue, type SubmitQueue } from "@/lib/labeling/submit-queue";

export type SubmitAnswer = Awaited<ReturnType<typeof submitDecisionAction>>;

// One queue per user and campaign for the whole tab, not per mounted screen: a submit keeps being
// sent while the screen shows other images, and across the soft navigations between them.
const queues = new Map<string, SubmitQueue<SubmitAnswer>>();

export function submitQueueFor(userId: number, campaignId: number): SubmitQueue<SubmitAnswer> {
  const name = `${userId}:${campaignId}`;
  let queue = queues.get(name);
  if (!queue) {
    queue = createSubmitQueue<SubmitAnswer>({
      attempt: async ({ imageId, submit }) => {
        try {
          // The screen moved past the images queued behind this one: the server then holds as many more ahead.
          const sending = queues.get(name)!.pendingImageIds().filter((id) => id !== imageId);
          const answer = await submitDecisionAction({ campaignId, imageId, ...submit, sending });
          if (!answer.ok && answer.retryable) return { done: false, reason: unsentReason(navigator.onLine) };
          return { done: true, value: answer };
        } catch {
          return { done: false, reason: unsentReason(navigator.onLine) };
        }
      },
      // The browser's copy goes only once the server has answered, whether a screen is up or not.
      onAnswer: ({ imageId }, answer) => {
        const outbox = createLocalOutbox(browserStore(), outboxKey(userId, campaignId, imageId));
        if (answer.ok) outbox.forget();
        else outbox.dropSubmit({ error: answer.error, fieldErrors: answer.fieldErrors });
      },
      onOnline: (listener) => {
        window.addEventListener("online", listener);
        return () => window.removeEventListener("online", listener);
      },
    });
    queues.set(name, queue);
  }
  return queue;
}

/**
 * The tab's submit queue for this campaign. After hydration it also takes in the submits this
 * browser kept for the campaign before a reload, whichever image they were for.
 */
export function useSubmitQueue(userId: number, campaignId: number): SubmitQueue<SubmitAnswer> {
  const queue = submitQueueFor(userId, campaignId);
  useEffect(() => {
    for (const kept of keptSubmits(browserStore(), userId, campaignId)) void queue.enqueue(kept).catch(() => {});
  }, [queue, userId, campaignId]);
  return queue;
}
