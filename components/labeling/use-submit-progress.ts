"use client";

import { useSyncExternalStore } from "react";
import type { SubmitQueueProgress, SubmitQueueSnapshot } from "@/lib/labeling/submit-queue";

const NOTHING_PENDING: SubmitQueueSnapshot = { pending: 0, unsent: null };
const NO_QUEUE: SubmitQueueProgress = { getSnapshot: () => NOTHING_PENDING, subscribe: () => () => {} };

/**
 * How far the queue is, for the few leaves that show it (the save state, the unsent notice): a
 * change re-renders them, not the whole workbench, and never delays the swap to the next image.
 */
export function useSubmitProgress(progress: SubmitQueueProgress | undefined): SubmitQueueSnapshot {
  const source = progress ?? NO_QUEUE;
  return useSyncExternalStore(source.subscribe, source.getSnapshot, () => NOTHING_PENDING);
}
