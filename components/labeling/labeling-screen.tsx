"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LabelingWorkbench, type KeptWork, type SubmitProgress } from "@/components/labeling/labeling-workbench";
import { previousImageAction, saveDraftAction, skipImageAction, submitDecisionAction } from "@/lib/actions/labeling";
import { useClassCatalog } from "@/components/labeling/use-class-catalog";
import { Spinner } from "@/components/ui/spinner";
import { InvalidDraftError } from "@/lib/labeling/draft";
import { browserStore, createLocalOutbox, outboxKey, type KeptSubmit } from "@/lib/labeling/local-outbox";
import { sendUntilAnswered, unsentReason } from "@/lib/labeling/retry";
import type { DraftContent, LabelingItem } from "@/lib/labeling/types";
import { fieldsWithin } from "@/lib/validation/field-errors";

interface Props {
  /** Whose browser-kept work this is: one browser may be shared by several annotators. */
  userId: number;
  campaign: { id: number; name: string; instructions: string; status: string };
  item: LabelingItem;
  vocabulary: string[];
  /** Images the user holds after this one, in order; their pixels are loaded ahead. */
  upcoming: number[];
  progress: { done: number; total: number };
  hasPrevious: boolean;
}

/** Binds the workbench to the server: autosave, submit, skip and navigation between images. */
export function LabelingScreen({ userId, campaign, item, vocabulary, upcoming, progress, hasPrevious }: Props) {
  const router = useRouter();
  const catalog = useClassCatalog();
  const ref = useMemo(() => ({ campaignId: campaign.id, imageId: item.image.id }), [campaign.id, item.image.id]);
  const openedAt = useRef(performance.now());
  // Unsent work survives faults and reloads in this browser (see lib/labeling/local-outbox.ts).
  const outbox = useMemo(() => createLocalOutbox(browserStore(), outboxKey(userId, campaign.id, item.image.id)), [userId, campaign.id, item.image.id]);
  // One request id per distinct submitted content: a retry of the same content reuses it, so
  // the server writes the decision once however often the request arrives.
  const pendingSubmit = useRef<{ key: string; submit: KeptSubmit } | null>(null);
  const retrying = useRef<{ cancel(): void } | null>(null);
  const [kept, setKept] = useState<KeptWork | null>(null);
  const shownSources = useMemo(
    () => [...new Set([...item.verdicts.map((v) => v.source), ...item.predictions.map((p) => p.source), ...item.hints.map((h) => h.source)])],
    [item],
  );

  useEffect(() => {
    // After hydration only: the server render cannot see the browser's storage.
    const submit = outbox.keptSubmit();
    if (submit) pendingSubmit.current = { key: JSON.stringify(submit.content), submit };
    const content = outbox.keptDraft();
    if (content) setKept({ content, resubmit: submit !== null });
    return () => retrying.current?.cancel();
  }, [outbox]);

  const onSaveDraft = useCallback(
    async (content: DraftContent, revision: number) => {
      outbox.keepDraft(content, revision);
      const result = await saveDraftAction({ ...ref, content });
      if (!result.ok && result.fieldErrors) throw new InvalidDraftError(fieldsWithin(result.fieldErrors, "content"));
      if (!result.ok) throw new Error(result.error);
      outbox.draftSaved(revision);
    },
    [ref, outbox],
  );

  const onSubmit = useCallback(
    async (content: DraftContent, progress: SubmitProgress) => {
      const key = JSON.stringify(content);
      if (pendingSubmit.current?.key !== key) {
        const submit = {
          content,
          requestId: crypto.randomUUID(),
          timeSpentMs: Math.round(performance.now() - openedAt.current),
          shownClasses: item.candidates.map((candidate) => candidate.classIndex),
          shownSources,
        };
        pendingSubmit.current = { key, submit };
      }
      const submit = pendingSubmit.current.submit;
      outbox.keepSubmit(submit);
      // Sent until the server answers: network errors and server failures are retried (the
      // request id makes that safe); only an answer ends it, saved or refused.
      const loop = sendUntilAnswered({
        attempt: async () => {
          try {
            const answer = await submitDecisionAction({ ...ref, ...submit });
            if (!answer.ok && answer.retryable) return { done: false, reason: unsentReason(navigator.onLine) };
            return { done: true, value: answer };
          } catch {
            return { done: false, reason: unsentReason(navigator.onLine) };
          }
        },
        onUnsent: progress.onUnsent,
        onOnline: (listener) => {
          window.addEventListener("online", listener);
          return () => window.removeEventListener("online", listener);
        },
      });
      retrying.current = loop;
      const result = await loop.result;
      retrying.current = null;
      if (result.ok) {
        outbox.forget();
        pendingSubmit.current = null;
        const next = result.data.next[0] ?? upcoming[0];
        router.push(next ? `/label/${campaign.id}/${next}` : `/label/${campaign.id}`);
        return { ok: true as const };
      }
      outbox.dropSubmit();
      // The server names fields by their path in the submit ("content.notes"); the panel by their own name.
      return { ...result, fieldErrors: fieldsWithin(result.fieldErrors, "content") };
    },
    [ref, campaign.id, item, shownSources, router, upcoming, outbox],
  );

  const onPrevious = useCallback(async () => {
    const result = await previousImageAction(ref);
    if (result.ok && result.data !== null) router.push(`/label/${campaign.id}/${result.data}`);
  }, [ref, campaign.id, router]);

  const onSkip = useCallback(
    async (reason: string) => {
      const result = await skipImageAction({ ...ref, reason });
      if (!result.ok) throw new Error(result.error);
      router.push(`/label/${campaign.id}`);
    },
    [ref, campaign.id, router],
  );

  if (!catalog.classes) {
    return (
      <div role={catalog.error ? "alert" : "status"} className="flex h-[calc(100dvh-3rem)] items-center justify-center gap-3 text-slate-600">
        {catalog.error ?? (
          <>
            <Spinner /> Loading the class list…
          </>
        )}
      </div>
    );
  }

  return (
    // No key here: the workbench keys its per-image stores itself, and the class catalog stays.
    <LabelingWorkbench
      campaignName={campaign.name}
      instructions={campaign.instructions}
      item={item}
      classes={catalog.classes}
      vocabulary={vocabulary}
      prefetchUrls={upcoming.map((id) => `/api/images/${id}`)}
      progress={progress}
      hasPrevious={hasPrevious}
      kept={kept}
      onSaveDraft={onSaveDraft}
      onSubmit={onSubmit}
      onPrevious={onPrevious}
      onSkip={onSkip}
    />
  );
}
