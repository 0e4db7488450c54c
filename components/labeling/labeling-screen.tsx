"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LabelingWorkbench, type KeptWork, type SubmitOptions } from "@/components/labeling/labeling-workbench";
import { previousImageAction, saveDraftAction, skipImageAction, submitDecisionAction } from "@/lib/actions/labeling";
import { useClassCatalog } from "@/components/labeling/use-class-catalog";
import { useHeldItems } from "@/components/labeling/use-held-items";
import { submitQueueFor, useSubmitQueue } from "@/components/labeling/use-submit-queue";
import { Spinner } from "@/components/ui/spinner";
import { InvalidDraftError } from "@/lib/labeling/draft";
import { browserStore, createLocalOutbox, outboxKey, type KeptSubmit } from "@/lib/labeling/local-outbox";
import { upcomingAfter } from "@/lib/labeling/submit-queue";
import type { LabelingItem, WorkbenchItem } from "@/lib/labeling/types";
import type { DraftContent } from "@/lib/validation/labeling";
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

/** What the screen shows now: the server's render, or an image it moved to without one. */
interface Shown {
  /** The server-rendered item this state started from; a new render (reload, previous, refresh) starts over. */
  from: LabelingItem;
  item: LabelingItem;
  vocabulary: string[];
  upcoming: number[];
  progress: { done: number; total: number };
  hasPrevious: boolean;
}

/**
 * Binds the workbench to the server: autosave, submit, skip and navigation between images. A
 * submit moves to the next image client-side, at once when its data is already here (fetched
 * while the annotator looked at this one), else as soon as that data arrives, and only updates
 * the URL; the decision is sent in the background. Otherwise, and on a direct load, the server
 * renders the page.
 */
export function LabelingScreen(props: Props) {
  const { userId, campaign } = props;
  const router = useRouter();
  const pathname = usePathname();
  const catalog = useClassCatalog();
  const [shown, setShown] = useState<Shown>(() => shownFrom(props));
  if (shown.from !== props.item) setShown(shownFrom(props));
  const { item, vocabulary, upcoming, progress, hasPrevious } = shown.from === props.item ? shown : shownFrom(props);
  const heldItems = useHeldItems(campaign.id, upcoming);
  const moveTo = useCallback(
    (next: WorkbenchItem, after: number[]) => {
      // The URL follows (Next.js keeps its router in step with pushState); a reload renders this image on the server.
      window.history.pushState(null, "", `/label/${campaign.id}/${next.item.image.id}`);
      setShown((now) => ({ ...now, ...next, upcoming: after, progress: { ...now.progress, done: now.progress.done + 1 }, hasPrevious: true }));
    },
    [campaign.id],
  );
  const ref = useMemo(() => ({ campaignId: campaign.id, imageId: item.image.id }), [campaign.id, item.image.id]);
  const openedAt = useRef(performance.now());
  useEffect(() => {
    openedAt.current = performance.now();
  }, [item.image.id]);
  // Back and forward land on URLs whose image this state may not show: the server renders them.
  // The location, not the pathname, is compared: the router learns of a pushState a render later.
  useEffect(() => {
    if (window.location.pathname !== `/label/${campaign.id}/${item.image.id}`) router.refresh();
  }, [pathname, campaign.id, item.image.id, router]);
  // Unsent work survives faults and reloads in this browser (see lib/labeling/local-outbox.ts).
  const outbox = useMemo(() => createLocalOutbox(browserStore(), outboxKey(userId, campaign.id, item.image.id)), [userId, campaign.id, item.image.id]);
  // One request id per distinct submitted content: a retry of the same content reuses it, so
  // the server writes the decision once however often the request arrives.
  const pendingSubmit = useRef<{ key: string; submit: KeptSubmit; restored?: boolean } | null>(null);
  const [kept, setKept] = useState<KeptWork | null>(null);
  const shownSources = useMemo(
    () => [...new Set([...item.verdicts.map((v) => v.source), ...item.predictions.map((p) => p.source), ...item.hints.map((h) => h.source)])],
    [item],
  );

  const showsSending = useRef(false);
  // After hydration only: the server render cannot see the browser's storage.
  const readKept = useCallback(() => {
    const submit = outbox.keptSubmit();
    // In this tab's queue already: the annotator went back (Previous) to an image whose submit is on
    // its way. It shows as submitted and the queue sends it; resending would move on once answered.
    // Read before useSubmitQueue's effect takes in the browser's kept submits after a reload.
    const sending = submit !== null && submitQueueFor(userId, campaign.id).pendingImageIds().includes(item.image.id);
    showsSending.current = sending;
    if (submit) pendingSubmit.current = { key: JSON.stringify(submit.content), submit, restored: !sending };
    const content = outbox.keptDraft();
    const refusal = outbox.keptRefusal();
    const refused = refusal && { error: refusal.error, fieldErrors: fieldsWithin(refusal.fieldErrors, "content") };
    setKept(content ? { content, resubmit: submit !== null && !sending, sending, refusal: refused } : null);
  }, [outbox, userId, campaign.id, item.image.id]);
  useEffect(readKept, [readKept]);

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

  // The screen moves on before the server answers: the decision waits in the browser (outbox) and
  // in the tab's queue, and "Saved" shows only once the server has it.
  const queue = useSubmitQueue(userId, campaign.id);
  const shownImage = useRef(item.image.id);
  useEffect(() => {
    shownImage.current = item.image.id;
  }, [item.image.id]);
  useEffect(
    () =>
      queue.onAnswer(({ imageId }, answer) => {
        if (answer.ok) {
          // The server's held list after this submit: the images to fetch ahead from now on.
          if (answer.data.next.length === 0) return;
          setShown((now) => {
            const upcoming = upcomingAfter(answer.data.next, now.item.image.id, queue.pendingImageIds());
            // The same list re-renders nothing.
            return upcoming.join() === now.upcoming.join() ? now : { ...now, upcoming };
          });
          return;
        }
        // Refused after the screen moved on: back to that image, where its content and the reason
        // wait in the outbox (the image on screen now keeps its draft: leaving saves it).
        if (imageId !== shownImage.current) router.push(`/label/${campaign.id}/${imageId}`);
        // Refused while Previous shows it as sent: the reason comes to this screen.
        else if (showsSending.current) readKept();
      }),
    [queue, router, campaign.id, readKept],
  );

  const onSubmit = useCallback(
    async (content: DraftContent, { resend, leave }: SubmitOptions) => {
      const key = JSON.stringify(content);
      // The submit kept before a reload is resent as kept, request id and all: the restored screen's
      // content need not serialize the same, and had the first copy reached the server, a new id would write it twice.
      if (pendingSubmit.current?.restored) pendingSubmit.current = { ...pendingSubmit.current, restored: false };
      else if (pendingSubmit.current?.key !== key) {
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
      // Sent until the server answers (lib/labeling/submit-queue.ts); the request id makes retries safe.
      const answered = queue.enqueue({ imageId: item.image.id, submit });
      // A server render may list images whose submit is still queued; those are done here.
      const ahead = upcomingAfter(upcoming, item.image.id, queue.pendingImageIds());
      // A resend after a reload waits for its answer: the annotator is looking at what it sends.
      // Data still on its way comes sooner than this submit's answer behind the queued ones, and a server render after it.
      const held = resend || ahead[0] === undefined ? undefined : (heldItems.take(ahead[0]) ?? (await heldItems.arrival(ahead[0])));
      if (held) {
        pendingSubmit.current = null;
        leave();
        moveTo(held, ahead.slice(1));
        return { ok: true as const };
      }
      // Nothing to show (end of the queue, or its data could not be had): wait, then go where the server says.
      const result = await answered;
      if (result.ok) {
        pendingSubmit.current = null;
        const queueAfter = upcomingAfter(result.data.next.length > 0 ? result.data.next : upcoming, item.image.id, queue.pendingImageIds());
        const next = queueAfter[0] === undefined ? undefined : await heldItems.arrival(queueAfter[0]);
        leave();
        if (next) moveTo(next, queueAfter.slice(1));
        else router.push(queueAfter[0] ? `/label/${campaign.id}/${queueAfter[0]}` : `/label/${campaign.id}`);
        return { ok: true as const };
      }
      // The server names fields by their path in the submit ("content.notes"); the panel by their own name.
      return { ...result, fieldErrors: fieldsWithin(result.fieldErrors, "content") };
    },
    [item, shownSources, router, upcoming, outbox, heldItems, queue, campaign.id, moveTo],
  );

  const onPrevious = useCallback(async () => {
    // The image just submitted may still be on its way: the server then counts it as held, not finished.
    const result = await previousImageAction({ ...ref, sending: queue.pendingImageIds() });
    if (result.ok && result.data !== null) router.push(`/label/${campaign.id}/${result.data}`);
  }, [ref, campaign.id, router, queue]);

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
      sending={queue}
      onSaveDraft={onSaveDraft}
      onSubmit={onSubmit}
      onPrevious={onPrevious}
      onSkip={onSkip}
    />
  );
}

function shownFrom({ item, vocabulary, upcoming, progress, hasPrevious }: Props): Shown {
  return { from: item, item, vocabulary, upcoming, progress, hasPrevious };
}
