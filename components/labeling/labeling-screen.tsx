"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { LabelingWorkbench } from "@/components/labeling/labeling-workbench";
import { previousImageAction, saveDraftAction, skipImageAction, submitDecisionAction } from "@/lib/actions/labeling";
import { useClassCatalog } from "@/components/labeling/use-class-catalog";
import { Spinner } from "@/components/ui/spinner";
import type { DraftContent, LabelingItem } from "@/lib/labeling/types";

interface Props {
  campaign: { id: number; name: string; instructions: string; status: string };
  item: LabelingItem;
  vocabulary: string[];
  /** Images the user holds after this one, in order; their pixels are loaded ahead. */
  upcoming: number[];
  progress: { done: number; total: number };
  hasPrevious: boolean;
}

/** Binds the workbench to the server: autosave, submit, skip and navigation between images. */
export function LabelingScreen({ campaign, item, vocabulary, upcoming, progress, hasPrevious }: Props) {
  const router = useRouter();
  const catalog = useClassCatalog();
  const ref = useMemo(() => ({ campaignId: campaign.id, imageId: item.image.id }), [campaign.id, item.image.id]);
  const openedAt = useRef(performance.now());
  // One request id per distinct submitted content: a retry of the same content reuses it, so
  // the server writes the decision once however often the request arrives.
  const pendingSubmit = useRef<{ key: string; requestId: string } | null>(null);
  const shownSources = useMemo(
    () => [...new Set([...item.verdicts.map((v) => v.source), ...item.predictions.map((p) => p.source), ...item.hints.map((h) => h.source)])],
    [item],
  );

  const onSaveDraft = useCallback(
    async (content: DraftContent) => {
      const result = await saveDraftAction({ ...ref, content });
      if (!result.ok) throw new Error(result.error);
    },
    [ref],
  );

  const onSubmit = useCallback(
    async (content: DraftContent) => {
      const key = JSON.stringify(content);
      if (pendingSubmit.current?.key !== key) pendingSubmit.current = { key, requestId: crypto.randomUUID() };
      const result = await submitDecisionAction({
        ...ref,
        content,
        requestId: pendingSubmit.current.requestId,
        timeSpentMs: Math.round(performance.now() - openedAt.current),
        shownClasses: item.candidates.map((candidate) => candidate.classIndex),
        shownSources,
      });
      if (result.ok) {
        pendingSubmit.current = null;
        router.push(upcoming[0] ? `/label/${campaign.id}/${upcoming[0]}` : `/label/${campaign.id}`);
        return { ok: true as const };
      }
      return result;
    },
    [ref, campaign.id, item, shownSources, router, upcoming],
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
      onSaveDraft={onSaveDraft}
      onSubmit={onSubmit}
      onPrevious={onPrevious}
      onSkip={onSkip}
    />
  );
}
