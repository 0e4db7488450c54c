"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { CandidateList } from "@/components/labeling/candidate-list";
import { ClassSearchDialog } from "@/components/labeling/class-search-dialog";
import { DecisionActions, DecisionPanel } from "@/components/labeling/decision-panel";
import { CampaignInstructions } from "@/components/labeling/campaign-instructions";
import { type ClassCatalog, useClassCatalogIndex } from "@/components/labeling/class-catalog";
import { ImageViewer, type ImageViewerProps } from "@/components/labeling/image-viewer";
import { LabelingSessionProvider, useDecision, useSessionStores, useView } from "@/components/labeling/labeling-session";
import { ShortcutHelp } from "@/components/labeling/shortcut-help";
import { SkipDialog } from "@/components/labeling/skip-dialog";
import { SourcePanel } from "@/components/labeling/source-panel";
import { useDraftAutosave } from "@/components/labeling/use-draft-autosave";
import { useLabelingKeys } from "@/components/labeling/use-labeling-keys";
import { usePrefetchImages } from "@/components/labeling/use-prefetch-images";
import { WorkbenchHeader } from "@/components/labeling/workbench-header";
import { distinctName } from "@/lib/labeling/class-lookup";
import { selectCanRedo, selectCanUndo, selectIsDirty } from "@/lib/labeling/decision-store";
import { checkDraft, draftFieldErrors, initialDraft } from "@/lib/labeling/draft";
import type { KeyCommand } from "@/lib/labeling/keymap";
import { unsentMessage, type UnsentReason } from "@/lib/labeling/retry";
import type { ClassSummary, DraftContent, LabelingItem } from "@/lib/labeling/types";
import { AMBIGUITY_REASONS } from "@/lib/validation/decision";

export type SubmitResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Told while a submit waits for the server, so the screen can say why. */
export interface SubmitProgress {
  onUnsent(reason: UnsentReason): void;
}

/** Work this browser kept for the image and the server does not have yet (a reload after a fault). */
export interface KeptWork {
  content: DraftContent;
  /** It had been submitted: send it again (same request id) as soon as the screen is up. */
  resubmit: boolean;
}

export interface LabelingWorkbenchProps {
  item: LabelingItem;
  /** All 1,000 classes; keep the array reference stable across images so indexes are built once. */
  classes: ClassSummary[];
  /** Labels outside ImageNet used before, suggested while typing. */
  vocabulary: string[];
  campaignName: string;
  /** The campaign's guidance for annotators, shown collapsed above the candidates. */
  instructions?: string;
  progress?: { done: number; total: number };
  /** Next images' URLs, downloaded and decoded ahead. */
  prefetchUrls?: string[];
  /** False on the first image of the queue. */
  hasPrevious?: boolean;
  autosaveDelayMs?: number;
  /** Set once after hydration when the browser kept unsent work for this image. */
  kept?: KeptWork | null;
  onSaveDraft(content: DraftContent, revision: number): Promise<void>;
  /** Resolves when the server has answered (it may retry for a long time); `{ ok: true }`, then navigate (do not redirect inside it). */
  onSubmit(content: DraftContent, progress: SubmitProgress): Promise<SubmitResult>;
  onPrevious(): void;
  onSkip(reason: string): Promise<void>;
}

/** The annotator's screen for one image. Stores are per image: the provider is keyed by image id. */
export function LabelingWorkbench(props: LabelingWorkbenchProps) {
  const { classes, item } = props;
  const catalog = useClassCatalogIndex(classes);
  usePrefetchImages(props.prefetchUrls ?? []);
  return (
    <LabelingSessionProvider key={item.image.id} initial={initialDraft(item)}>
      <WorkbenchScreen {...props} catalog={catalog} />
    </LabelingSessionProvider>
  );
}

function WorkbenchScreen({ catalog, ...props }: LabelingWorkbenchProps & { catalog: ClassCatalog }) {
  const { item } = props;
  const { decision, view } = useSessionStores();
  const draft = useDecision((state) => state.present);
  const dirty = useDecision(selectIsDirty);
  const canUndo = useDecision(selectCanUndo);
  const canRedo = useDecision(selectCanRedo);
  const overlay = useView((state) => state.overlay);
  const pickingAmbiguity = useView((state) => state.pickingAmbiguity);
  // Store actions never change; taken once so children and effects see stable references.
  const [actions] = useState(() => decision.getState());
  const [viewActions] = useState(() => view.getState());

  const autosave = useDraftAutosave(decision, props.onSaveDraft, props.autosaveDelayMs ?? 800);
  const [phase, setPhase] = useState<"editing" | "submitting" | "done">("editing");
  /** Why the submit in progress has not reached the server yet; null while it has not failed. */
  const [unsent, setUnsent] = useState<UnsentReason | null>(null);
  // A failure is shown until the decision changes: after an edit it may no longer apply.
  const revision = useDecision((state) => state.revision);
  const [failure, setFailure] = useState<{ revision: number; error: string; fieldErrors: Record<string, string[]> } | null>(null);
  const current = failure?.revision === revision ? failure : null;
  const fail = (error: string, fieldErrors: Record<string, string[]> = {}) =>
    setFailure({ revision: decision.getState().revision, error, fieldErrors });
  const outsideLabelInput = useRef<HTMLInputElement>(null);
  const leaveAnyway = useRef(false);
  // State updates land on the next render; two quick Enters must still submit once.
  const submitting = useRef(false);

  const several = draft.ambiguity === "SEVERAL_CLASSES_POSSIBLE";
  const selected = several ? draft.candidateClasses : draft.classes;
  // Text the server would refuse is marked as it is typed, beside its field.
  const textErrors = useMemo(() => draftFieldErrors(draft), [draft]);
  const fieldErrors = { ...textErrors, ...current?.fieldErrors };
  const nameOf = (index: number) => distinctName(catalog.lookup, catalog.duplicates, index);
  const busy = phase !== "editing";

  const submit = async () => {
    if (busy || submitting.current) return;
    const content = decision.getState().present;
    const check = checkDraft(content);
    if (!check.ok) return fail(check.error, check.fieldErrors);
    submitting.current = true;
    setPhase("submitting");
    setFailure(null);
    try {
      // Settle the draft first so no draft save can land after the decision; a failed draft
      // save must not block submitting the decision itself, which carries the same content.
      await autosave.flush().catch(() => {});
      const result = await props.onSubmit(content, { onUnsent: setUnsent });
      setUnsent(null);
      if (result.ok) {
        autosave.stop();
        setPhase("done");
        return; // stays locked: the page moves on to the next image
      }
      fail(result.error, result.fieldErrors);
    } catch {
      setUnsent(null);
      fail("Could not submit. Your decision is kept; try again.");
    }
    submitting.current = false;
    setPhase("editing");
  };

  const previous = async () => {
    if (busy || props.hasPrevious === false) return;
    try {
      if (!leaveAnyway.current) await autosave.flush();
      props.onPrevious();
    } catch {
      leaveAnyway.current = true;
      fail("Your draft could not be saved. Go back again to leave anyway, or wait for the retry.");
    }
  };

  const skip = async (reason: string) => {
    await autosave.flush().catch(() => {});
    await props.onSkip(reason);
    autosave.stop();
    setPhase("done");
  };

  // Unsent work from this browser: back on screen, and a kept submit is sent again.
  const restoredFrom = useRef<KeptWork | null>(null);
  useEffect(() => {
    const kept = props.kept;
    if (!kept || restoredFrom.current === kept) return;
    restoredFrom.current = kept;
    actions.restore(kept.content);
    if (kept.resubmit) void submit();
  });

  const onCommand = (command: KeyCommand) => {
    const editing = !busy;
    switch (command.action) {
      case "toggleCandidate": {
        const candidate = item.candidates[command.index];
        if (candidate && editing) actions.toggleSelected(candidate.classIndex);
        return;
      }
      case "pickAmbiguity": {
        const reason = AMBIGUITY_REASONS[command.index];
        if (reason && editing) actions.setAmbiguity(decision.getState().present.ambiguity === reason ? null : reason);
        viewActions.setPickingAmbiguity(false);
        return;
      }
      case "ambiguous":
        return viewActions.setPickingAmbiguity(!view.getState().pickingAmbiguity);
      case "openSearch":
        return editing ? viewActions.openOverlay("search") : undefined;
      case "notInImageNet":
        return outsideLabelInput.current?.focus();
      case "submit":
        return void submit();
      case "previous":
        return void previous();
      case "skip":
        return editing ? viewActions.openOverlay("skip") : undefined;
      case "undo":
        return editing ? actions.undo() : undefined;
      case "redo":
        return editing ? actions.redo() : undefined;
      case "zoomIn":
        return viewActions.zoomIn();
      case "zoomOut":
        return viewActions.zoomOut();
      case "zoomFit":
        return viewActions.fit();
      case "fullResolution":
        return viewActions.toggleFullResolution();
      case "help":
        return viewActions.toggleOverlay("help");
      case "close": {
        const state = view.getState();
        if (state.overlay) return viewActions.closeOverlay();
        if (state.pickingAmbiguity) return viewActions.setPickingAmbiguity(false);
        // Leaving a text field hands the keys back to the shortcuts.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        return;
      }
    }
  };

  useLabelingKeys(onCommand, () => ({
    overlay: view.getState().overlay !== null,
    mode: view.getState().pickingAmbiguity ? "ambiguity" : "default",
    candidateCount: Math.min(item.candidates.length, 9),
  }));

  return (
    // The app header above is h-12 (3rem); the workbench fills the rest of the viewport.
    <div className="flex h-[calc(100dvh-3rem)] min-h-[600px] flex-col bg-slate-50 text-slate-900">
      <WorkbenchHeader
        campaignName={props.campaignName}
        fileKey={item.image.fileKey}
        progress={props.progress}
        saveStatus={autosave.snapshot.status}
        dirty={dirty}
        onHelp={() => viewActions.toggleOverlay("help")}
      />
      <main className="grid min-h-0 flex-1 grid-rows-[minmax(18rem,55vh)_auto] lg:grid-cols-[minmax(0,3fr)_minmax(24rem,2fr)] lg:grid-rows-1">
        <section aria-label={`Image ${item.image.fileKey}`} className="min-h-0">
          <ViewedImage
            src={item.image.url}
            alt={item.image.fileKey}
            width={item.image.width}
            height={item.image.height}
            actions={viewActions}
          />
        </section>
        <aside aria-label="Labeling" className="flex min-h-0 flex-col border-l border-slate-200 bg-white">
          <fieldset disabled={busy} className="min-h-0 min-w-0 flex-1 divide-y divide-slate-200 overflow-y-auto">
            {props.instructions ? <CampaignInstructions text={props.instructions} /> : null}
            <CandidateList
              campaignId={item.campaignId}
              imageId={item.image.id}
              candidates={item.candidates}
              lookup={catalog.lookup}
              duplicates={catalog.duplicates}
              selected={selected}
              selectingCandidateSet={several}
              onToggle={actions.toggleSelected}
            />
            <DecisionPanel
              draft={draft}
              nameOf={nameOf}
              vocabulary={props.vocabulary}
              pickingAmbiguity={pickingAmbiguity}
              canUndo={canUndo}
              canRedo={canRedo}
              actions={actions}
              onOpenSearch={() => viewActions.openOverlay("search")}
              outsideLabelInputRef={outsideLabelInput}
              fieldErrors={fieldErrors}
            />
            <SourcePanel
              verdicts={item.verdicts}
              predictions={item.predictions}
              hints={item.hints}
              lookup={catalog.lookup}
              duplicates={catalog.duplicates}
            />
          </fieldset>
          {unsent ? (
            <p role="status" className="border-t border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
              {unsentMessage(unsent)}
            </p>
          ) : null}
          <DecisionActions
            submitting={busy}
            error={current?.error ?? null}
            onSubmit={() => void submit()}
            onSkip={() => viewActions.openOverlay("skip")}
            onPrevious={() => void previous()}
            hasPrevious={props.hasPrevious !== false}
          />
        </aside>
      </main>
      <ClassSearchDialog
        open={overlay === "search"}
        onClose={viewActions.closeOverlay}
        index={catalog.search}
        duplicates={catalog.duplicates}
        selected={selected}
        onPick={actions.addSelected}
      />
      <SkipDialog open={overlay === "skip"} onClose={viewActions.closeOverlay} onSkip={skip} />
      <ShortcutHelp open={overlay === "help"} onClose={viewActions.closeOverlay} />
    </div>
  );
}

/**
 * The only subscriber to zoom and pan: a wheel or drag event changes the transform many times a
 * second, and re-renders just the viewer, not the candidate, decision and source panels.
 */
function ViewedImage(props: Omit<ImageViewerProps, "view">) {
  const mode = useView((state) => state.mode);
  const transform = useView((state) => state.transform);
  return <ImageViewer {...props} view={{ mode, transform }} />;
}
