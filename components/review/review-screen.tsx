"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import { ClassSearchDialog } from "@/components/labeling/class-search-dialog";
import { ImageViewer } from "@/components/labeling/image-viewer";
import { ShortcutHelp } from "@/components/labeling/shortcut-help";
import { SourcePanel } from "@/components/labeling/source-panel";
import { useClassCatalog } from "@/components/labeling/use-class-catalog";
import { usePrefetchImages } from "@/components/labeling/use-prefetch-images";
import { ConsensusPanel } from "@/components/review/consensus-panel";
import { DecisionCards } from "@/components/review/decision-cards";
import { ReasonDialog } from "@/components/review/reason-dialog";
import { EMPTY_DRAFT, ResolutionComposer, type ResolutionDraft } from "@/components/review/resolution-composer";
import { Button } from "@/components/ui/button";
import { resolveConsensusAction, sendBackAction } from "@/lib/actions/review";
import type { ReviewItem } from "@/lib/data/review";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { distinctName, duplicateNames, indexClasses } from "@/lib/labeling/class-lookup";
import { createClassSearchIndex } from "@/lib/labeling/class-search";
import { focusKindOf } from "@/lib/labeling/keymap";
import { createViewStore } from "@/lib/labeling/view-store";
import { REVIEW_KEYMAP, REVIEW_KEY_GROUPS, matchReviewKey, type ReviewKeyCommand } from "@/lib/review/review-keymap";
import { AMBIGUITY_LABELS, AMBIGUITY_REASONS } from "@/lib/validation/decision";

type Overlay = "help" | "search" | "ambiguous" | "outside" | "exclude" | null;

interface Props {
  item: ReviewItem;
  /** The next image of the queue the reviewer came from; null at its end. */
  next: { href: string; imageUrl: string } | null;
  queueHref: string;
}

const AMBIGUITY_CHOICES = AMBIGUITY_REASONS.map((value) => ({ value, label: AMBIGUITY_LABELS[value] }));

/** The reviewer's screen for one image in one campaign: look, compare, resolve by keyboard, go on. */
export function ReviewScreen({ item, next, queueHref }: Props) {
  const router = useRouter();
  const { classes } = useClassCatalog();
  const catalog = useMemo(() => (classes ? { lookup: indexClasses(classes), duplicates: duplicateNames(classes), search: createClassSearchIndex(classes) } : null), [classes]);
  const nameOf = (index: number) => (catalog ? distinctName(catalog.lookup, catalog.duplicates, index) : `#${index}`);
  const [viewStore] = useState(createViewStore);
  // Store actions never change: taken once, so the viewer's effects do not re-run on every zoom.
  const [view] = useState(() => viewStore.getState());
  const mode = useStore(viewStore, (state) => state.mode);
  const transform = useStore(viewStore, (state) => state.transform);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [draft, setDraft] = useState<ResolutionDraft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  usePrefetchImages(next ? [next.imageUrl] : []);
  useEffect(() => {
    if (next) router.prefetch(next.href);
  }, [next, router]);

  const goNext = () => router.push(next?.href ?? queueHref);

  const resolve = async () => {
    setBusy(true);
    setError(null);
    const { exclude, notes, ...outcome } = draft;
    const result = await resolveConsensusAction({
      campaignId: item.campaign.id,
      imageId: item.image.id,
      expectedVersion: item.consensus?.version ?? 0,
      resolution: exclude !== null ? { kind: "exclude", reason: exclude, notes } : { kind: "outcome", content: { ...outcome, candidateClasses: outcome.ambiguity ? outcome.candidateClasses : [], notes } },
    });
    setBusy(false);
    if (result.ok) return goNext();
    setError(result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : result.error);
    // Show the other reviewer's result (or the changed consensus) beside the refusal.
    router.refresh();
  };

  const sendBack = async () => {
    setBusy(true);
    const result = await sendBackAction({ campaignId: item.campaign.id, imageId: item.image.id });
    setBusy(false);
    if (result.ok) {
      setMessage(`Sent back: ${result.data.openSlots} open slot${result.data.openSlots === 1 ? "" : "s"} in the campaign's queue.`);
      setError(null);
    } else setError(result.error);
  };

  const run = (command: ReviewKeyCommand) => {
    switch (command.action) {
      case "acceptDecision": {
        const decision = item.decisions[command.index];
        if (decision) setDraft({ ...EMPTY_DRAFT, notes: draft.notes, classes: decision.classes, ambiguity: decision.ambiguity, candidateClasses: decision.candidateClasses, outsideLabels: decision.outsideLabels });
        return;
      }
      case "openSearch":
        return catalog && setOverlay("search");
      case "clearSet":
        return setDraft({ ...EMPTY_DRAFT, notes: draft.notes });
      case "ambiguous":
        return setOverlay("ambiguous");
      case "notInImageNet":
        return setOverlay("outside");
      case "exclude":
        return setOverlay("exclude");
      case "note":
        return noteRef.current?.focus();
      case "resolve":
        return void resolve();
      case "sendBack":
        return void sendBack();
      case "next":
        return goNext();
      case "zoomIn":
        return view.zoomIn();
      case "zoomOut":
        return view.zoomOut();
      case "zoomFit":
        return view.fit();
      case "fullResolution":
        return view.toggleFullResolution();
      case "help":
        return setOverlay(overlay === "help" ? null : "help");
      case "close":
        if (overlay) return setOverlay(null);
        return (document.activeElement as HTMLElement | null)?.blur();
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Dialogs with their own inputs handle their keys; only help and Escape reach us then.
      const command = matchReviewKey(event, { focus: focusKindOf(event.target), overlay: overlay !== null && overlay !== "help", decisionCount: item.decisions.length });
      if (!command) return;
      event.preventDefault();
      runRef.current(command);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [overlay, item.decisions.length]);

  const addClass = (index: number) =>
    setDraft((d) => (d.ambiguity ? { ...d, exclude: null, candidateClasses: [...new Set([...d.candidateClasses, index])].sort((a, b) => a - b) } : { ...d, exclude: null, classes: [...new Set([...d.classes, index])].sort((a, b) => a - b) }));

  return (
    <main className="grid h-[calc(100dvh-3rem)] grid-cols-[minmax(0,1fr)_minmax(26rem,36rem)]">
      <ImageViewer src={item.image.url} alt={`Image ${item.image.fileKey}`} width={item.image.width} height={item.image.height} view={{ mode, transform }} actions={view} />
      <aside aria-label="Review" className="min-h-0 space-y-4 overflow-y-auto border-l border-slate-200 bg-slate-50 p-4">
        <header className="space-y-1">
          <h1 className="text-lg font-semibold text-slate-900">{item.image.fileKey}</h1>
          <p className="text-sm text-slate-600">
            {item.campaign.name} · {item.campaign.annotatorsPerImage} per image · {item.openSlots} open slot{item.openSlots === 1 ? "" : "s"}
          </p>
          <p className="flex gap-3 text-sm">
            <Link href={queueHref} className="text-indigo-700 underline">
              Back to the queue
            </Link>
            <Link href={`/review/${item.image.id}/timeline`} className="text-indigo-700 underline">
              Timeline
            </Link>
            <Button size="sm" variant="ghost" onClick={() => setOverlay("help")} className="ml-auto">
              Shortcuts ?
            </Button>
          </p>
        </header>
        <section aria-labelledby="decisions-heading" className="space-y-2">
          <h2 id="decisions-heading" className="text-sm font-semibold text-slate-900">
            Decisions
          </h2>
          <DecisionCards decisions={item.decisions} nameOf={nameOf} />
        </section>
        <ResolutionComposer
          draft={draft}
          onChange={setDraft}
          nameOf={nameOf}
          noteRef={noteRef}
          busy={busy}
          error={error}
          onCommand={(action) => run({ action } as ReviewKeyCommand)}
        />
        {message ? (
          <p role="status" className="text-sm text-emerald-800">
            {message}
          </p>
        ) : null}
        <section aria-labelledby="consensus-heading" className="space-y-2">
          <h2 id="consensus-heading" className="text-sm font-semibold text-slate-900">
            Consensus
          </h2>
          <ConsensusPanel consensus={item.consensus} nameOf={nameOf} />
        </section>
        {catalog ? (
          <div className="-mx-4">
            <SourcePanel verdicts={item.verdicts} predictions={item.predictions} hints={item.hints} lookup={catalog.lookup} duplicates={catalog.duplicates} />
          </div>
        ) : null}
      </aside>
      <ShortcutHelp open={overlay === "help"} onClose={() => setOverlay(null)} keymap={REVIEW_KEYMAP} groups={REVIEW_KEY_GROUPS} classCount={classes?.length} />
      {catalog ? (
        <ClassSearchDialog open={overlay === "search"} onClose={() => setOverlay(null)} index={catalog.search} duplicates={catalog.duplicates} selected={draft.ambiguity ? draft.candidateClasses : draft.classes} onPick={addClass} />
      ) : null}
      <ReasonDialog
        open={overlay === "ambiguous"}
        title="Ambiguous: why?"
        description="The classes composed so far become the plausible candidates."
        choices={AMBIGUITY_CHOICES}
        confirmLabel="Mark ambiguous"
        onConfirm={(reason) => setDraft((d) => ({ ...d, exclude: null, ambiguity: reason as AmbiguityReason, candidateClasses: d.ambiguity ? d.candidateClasses : d.classes, classes: [] }))}
        onClose={() => setOverlay(null)}
      />
      <ReasonDialog
        open={overlay === "outside"}
        title="Not in ImageNet"
        description="Name what the image shows (for example “domestic ferret”)."
        placeholder="What the image shows"
        confirmLabel="Add"
        onConfirm={(label) => setDraft((d) => ({ ...d, exclude: null, outsideLabels: [...new Set([...d.outsideLabels, label.toLowerCase()])] }))}
        onClose={() => setOverlay(null)}
      />
      <ReasonDialog
        open={overlay === "exclude"}
        title="Exclude this image"
        description="Excluded images are left out of evaluation. Say why: a drawing, a duplicate, no object…"
        placeholder="Reason for excluding"
        confirmLabel="Exclude"
        onConfirm={(reason) => setDraft((d) => ({ ...d, exclude: reason }))}
        onClose={() => setOverlay(null)}
      />
    </main>
  );
}
