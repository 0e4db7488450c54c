"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { CandidateList } from "@/components/labeling/candidate-list";
import { ClassSearchDialog } from "@/components/labeling/class-search-dialog";
import { DecisionActions, DecisionPanel } from "@/components/labeling/decision-panel";
import { CampaignInstructions } from "@/components/labeling/campaign-instructions";
import { type ClassCatalog, useClassCatalogIndex } from "@/components/labeling/class-catalog";
import { LabelingSessionProvider, useDecision, useSessionStores, useView } from "@/components/labeling/labeling-session";
import { UnsentNotice } from "@/components/labeling/save-state";
import { ShortcutHelp } from "@/components/labeling/shortcut-help";
import { SkipDialog } from "@/components/labeling/skip-dialog";
import { SourcePanel } from "@/components/labeling/source-panel";
import { useDraftAutosave } from "@/components/labeling/use-draft-autosave";
import { useLabelingKeys } from "@/components/labeling/use-labeling-keys";
import { usePrefetchImages } from "@/components/labeling/use-prefetch-images";
import { ViewedImage } from "@/components/labeling/viewed-image";
import { WorkbenchHeader } from "@/components/labeling/workbench-header";
import { distinctName } from "@/lib/labeling/class-lookup";
import { selectCanRedo, selectCanUndo, selectIsDirty } from "@/lib/labeling/decision-store";
import { checkDraft, draftFieldErrors, initialDraft } from "@/lib/labeling/draft";
import type { KeyCommand } from "@/lib/labeling/keymap";
import type { SubmitQueueProgress } from "@/lib/labeling/submit-queue";
import type { ClassSummary, LabelingItem } from "@/lib/labeling/types";
import type { DraftContent } from "@/lib/validation/labeling";
import { AMBIGUITY_REASONS } from "@/lib/validation/decision";

export type SubmitResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export interface SubmitOptions {
  /** A submit kept before a reload, sent again as soon as the screen is up: wait for its answer here. */
  resend: boolean;
  /** Called just before the screen moves on: no draft of this image may be saved after its decision. */
  leave(): void;
}

/** Work this browser kept for the image and the server does not have yet (a reload after a fault). */
export interface KeptWork {
  content: DraftContent;
  /** It had been submitted: send it again (same request id) as soon as the screen is up. */
  resubmit: boolean;
  /** Its submit is on its way in this tab's queue (Previous came back to it): shown as submitted, not sent again. */
  sending?: boolean;
  /** The server refused its submit after the screen had moved on; shown beside the restored content. */
  refusal?: { error: string; fieldErrors: Record<string, string[]> } | null;
}

export interface LabelingWorkbenchProps {
  item: LabelingItem;
  /** Every class of the taxonomy; keep the array reference stable across images so indexes are built once. */
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
  /** Submits not answered by the server yet (this image's and earlier ones), and why the one being sent is stuck. */
  sending?: SubmitQueueProgress;
  /**
   * `{ ok: true }` once the screen may move on: at once when the next image is here (the decision
   * is then sent in the background), else when the server has answered. Do not redirect inside it.
   */
  onSubmit(content: DraftContent, options: SubmitOptions): Promise<SubmitResult>;
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
  // A failure is shown until the decision changes: after an edit it may no longer apply.
  const revision = useDecision((state) => state.revision);
  // `submitFailed`: refused by the server or not sent, so the decision is not saved whatever the draft is.
  type Failure = { revision: number; error: string; fieldErrors: Record<string, string[]>; submitFailed: boolean };
  const [failure, setFailure] = useState<Failure | null>(null);
  const current = failure?.revision === revision ? failure : null;
  const fail = (error: string, fieldErrors: Record<string, string[]> = {}, submitFailed = false) =>
    setFailure({ revision: decision.getState().revision, error, fieldErrors, submitFailed });
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

  const submit = async ({ resend = false } = {}) => {
    if (busy || submitting.current) return;
    // A label typed but not yet added with Enter is on screen: a click on Submit takes it too.
    const typed = outsideLabelInput.current?.value;
    if (typed) actions.addOutsideLabel(typed);
    const content = decision.getState().present;
    const check = checkDraft(content);
    if (!check.ok) return fail(check.error, check.fieldErrors);
    submitting.current = true;
    setFailure(null);
    try {
      // No draft save may land after the decision: wait for one in flight and hold back the
      // pending one (the submit carries the same content), which is saved if the submit fails.
      await autosave.hold();
      const answered = props.onSubmit(content, { resend, leave: autosave.stop });
      // Set after the call, not before: when the screen moves on at once, this lands in the same
      // render as the next image instead of re-rendering this one first.
      setPhase("submitting");
      const result = await answered;
      if (result.ok) {
        autosave.stop();
        setPhase("done");
        return; // stays locked: the page moves on to the next image
      }
      void autosave.flush().catch(() => {});
      fail(result.error, result.fieldErrors, true);
    } catch {
      void autosave.flush().catch(() => {});
      fail("Could not submit. Your decision is kept; try again.", {}, true);
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
    // A decision on its way is the submitted baseline, not an edit: no draft of it is saved.
    if (kept.sending) actions.reset(kept.content);
    else actions.restore(kept.content);
    if (kept.refusal) fail(`Not saved: ${kept.refusal.error}`, kept.refusal.fieldErrors, true);
    if (kept.resubmit) void submit({ resend: true });
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
        sending={props.sending}
        submitFailed={current?.submitFailed}
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
          <UnsentNotice sending={props.sending} />
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
      <ShortcutHelp open={overlay === "help"} onClose={viewActions.closeOverlay} classCount={props.classes.length} />
    </div>
  );
}
