"use client";

import { useEffect, useRef, useState } from "react";
import { createAutosaver, type AutosaveSnapshot, type Autosaver } from "@/lib/labeling/autosave";
import type { DecisionStore } from "@/lib/labeling/decision-store";
import { draftFieldErrors, InvalidDraftError } from "@/lib/labeling/draft";
import type { DraftContent } from "@/lib/validation/labeling";

export interface DraftAutosave {
  snapshot: AutosaveSnapshot;
  /** Saves what is pending and waits; rejects if that save fails. */
  flush(): Promise<void>;
  /** Before a submit: waits for a save in flight, holds back the pending one until `flush`. */
  hold(): Promise<void>;
  /** After submit or skip: a draft saved later would resurrect a finished image. */
  stop(): void;
}

const IDLE: AutosaveSnapshot = { status: "idle", savedRevision: null, error: null };

/**
 * Connects a decision store to a single-flight autosaver: every change schedules a save, and the
 * page being hidden or unloaded (tab switch, close, navigation) flushes it.
 */
export function useDraftAutosave(
  decision: DecisionStore,
  onSaveDraft: (content: DraftContent, revision: number) => Promise<void>,
  delayMs: number,
): DraftAutosave {
  const [snapshot, setSnapshot] = useState<AutosaveSnapshot>(IDLE);
  const saverRef = useRef<Autosaver<DraftContent> | null>(null);
  // The latest callback without restarting the autosaver when the parent re-renders.
  const saveRef = useRef(onSaveDraft);
  useEffect(() => {
    saveRef.current = onSaveDraft;
  }, [onSaveDraft]);

  useEffect(() => {
    const saver = createAutosaver<DraftContent>({
      delayMs,
      isPermanent: (error) => error instanceof InvalidDraftError,
      save: async (content, revision) => {
        // Refused here already: the field shows why, and no request is spent on it.
        const fieldErrors = draftFieldErrors(content);
        if (Object.keys(fieldErrors).length > 0) throw new InvalidDraftError(fieldErrors);
        await saveRef.current(content, revision);
        decision.getState().markSaved(revision);
      },
    });
    saverRef.current = saver;
    const unsubscribeStatus = saver.subscribe(() => setSnapshot(saver.getSnapshot()));
    const unsubscribeStore = decision.subscribe((state, previous) => {
      if (state.revision !== previous.revision && state.revision > state.savedRevision) {
        saver.schedule(state.present, state.revision);
      }
    });
    const flushQuietly = () => void saver.flush().catch(() => {});
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flushQuietly();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flushQuietly);
    // Back online: send what waited instead of sitting out the retry backoff.
    window.addEventListener("online", flushQuietly);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flushQuietly);
      window.removeEventListener("online", flushQuietly);
      unsubscribeStore();
      unsubscribeStatus();
      // Leaving the image (unmount) still saves what was typed last; flush starts it synchronously.
      flushQuietly();
      saver.dispose();
      saverRef.current = null;
    };
  }, [decision, delayMs]);

  return {
    snapshot,
    flush: () => saverRef.current?.flush() ?? Promise.resolve(),
    hold: () => saverRef.current?.hold() ?? Promise.resolve(),
    stop: () => saverRef.current?.dispose(),
  };
}
