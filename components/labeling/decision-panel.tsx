"use client";

import { useId, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { cx, focusRing } from "@/components/ui/class-names";
import { Kbd } from "@/components/ui/kbd";
import { Spinner } from "@/components/ui/spinner";
import { AmbiguityPicker } from "@/components/labeling/ambiguity-picker";
import { OutsideLabelInput } from "@/components/labeling/outside-label-input";
import type { DecisionState } from "@/lib/labeling/decision-store";
import type { DraftContent } from "@/lib/validation/labeling";

/** The store's edit actions; stable functions, so passing them never re-renders anything. */
export type DecisionEditActions = Pick<
  DecisionState,
  "toggleClass" | "toggleCandidateClass" | "setAmbiguity" | "addOutsideLabel" | "removeOutsideLabel" | "setNotes" | "undo" | "redo"
>;

export interface DecisionPanelProps {
  draft: DraftContent;
  /** Display name of a class ("crane (517)" where names repeat). */
  nameOf: (classIndex: number) => string;
  vocabulary: readonly string[];
  pickingAmbiguity: boolean;
  canUndo: boolean;
  canRedo: boolean;
  actions: DecisionEditActions;
  onOpenSearch: () => void;
  outsideLabelInputRef?: Ref<HTMLInputElement>;
  /** Per-field messages from the last submit attempt (decision schema paths). */
  fieldErrors?: Record<string, string[]>;
}

export function DecisionPanel(props: DecisionPanelProps) {
  const { draft, nameOf, actions, fieldErrors } = props;
  const headingId = useId();
  const notesId = useId();
  const several = draft.ambiguity === "SEVERAL_CLASSES_POSSIBLE";
  const chosen = several ? draft.candidateClasses : draft.classes;
  const remove = several ? actions.toggleCandidateClass : actions.toggleClass;
  const classError = (several ? fieldErrors?.candidateClasses : fieldErrors?.classes)?.[0];

  return (
    <section aria-labelledby={headingId} className="space-y-4 px-4 py-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          Decision
        </h2>
        <div className="flex gap-1">
          <Button variant="ghost" size="sm" onClick={actions.undo} disabled={!props.canUndo} title="Undo (Z)">
            Undo <Kbd aria-hidden>Z</Kbd>
          </Button>
          <Button variant="ghost" size="sm" onClick={actions.redo} disabled={!props.canRedo} title="Redo (U or Shift+Z)">
            Redo <Kbd aria-hidden>U</Kbd>
          </Button>
        </div>
      </div>

      <div>
        <p className="mb-1 text-sm font-medium text-slate-900">{several ? "Possible classes (at least two)" : "ImageNet classes"}</p>
        <div className="flex flex-wrap items-center gap-1.5">
          {chosen.length > 0 ? (
            <ul aria-label={several ? "Possible classes" : "Chosen classes"} className="contents">
              {chosen.map((classIndex) => (
                <li key={classIndex}>
                  <Chip removeLabel={`Remove ${nameOf(classIndex)}`} onRemove={() => remove(classIndex)}>
                    {nameOf(classIndex)}
                  </Chip>
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-sm text-slate-500">None yet.</span>
          )}
          <Button variant="secondary" size="sm" onClick={props.onOpenSearch}>
            Add class <Kbd aria-hidden>/</Kbd>
          </Button>
        </div>
        {classError ? <p className="mt-1 text-sm text-red-700">{classError}</p> : null}
      </div>

      <AmbiguityPicker value={draft.ambiguity} picking={props.pickingAmbiguity} onChange={actions.setAmbiguity} />

      <OutsideLabelInput
        labels={draft.outsideLabels}
        vocabulary={props.vocabulary}
        onAdd={actions.addOutsideLabel}
        onRemove={actions.removeOutsideLabel}
        inputRef={props.outsideLabelInputRef}
        error={fieldErrors?.outsideLabels?.[0]}
      />

      <div>
        <label htmlFor={notesId} className="mb-1 block text-sm font-medium text-slate-900">
          Notes
        </label>
        <textarea
          id={notesId}
          value={draft.notes}
          onChange={(event) => actions.setNotes(event.target.value)}
          rows={3}
          maxLength={5000}
          placeholder="Why, what is visible, what would settle it…"
          className={cx("block w-full resize-y rounded-md bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 placeholder:text-slate-500", focusRing)}
        />
        {fieldErrors?.notes?.[0] ? <p className="mt-1 text-sm text-red-700">{fieldErrors.notes[0]}</p> : null}
      </div>
    </section>
  );
}

export interface DecisionActionsProps {
  submitting: boolean;
  /** Shown in an alert; the draft stays as it is so nothing is lost. */
  error: string | null;
  onSubmit: () => void;
  onSkip: () => void;
  onPrevious: () => void;
  hasPrevious?: boolean;
}

/** Submit, skip and back: pinned to the bottom of the side panel, always in reach of the mouse. */
export function DecisionActions({ submitting, error, onSubmit, onSkip, onPrevious, hasPrevious = true }: DecisionActionsProps) {
  return (
    <div className="border-t border-slate-200 bg-white px-4 py-3">
      {error ? (
        <p role="alert" className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <Button variant="ghost" onClick={onPrevious} disabled={submitting || !hasPrevious} title="Previous image (Backspace)">
          <span aria-hidden>←</span> Previous
        </Button>
        <Button variant="secondary" onClick={onSkip} disabled={submitting} title="Skip (S)">
          Skip <Kbd aria-hidden>S</Kbd>
        </Button>
        {/* The next image is on screen at once, so a double-click's second click (detail 2) would submit it untouched. */}
        <Button variant="primary" className="ml-auto min-w-32" onClick={(event) => event.detail <= 1 && onSubmit()} disabled={submitting} aria-busy={submitting}>
          {submitting ? <Spinner /> : null}
          Submit
          <Kbd aria-hidden tone="inverse">
            Enter
          </Kbd>
        </Button>
      </div>
    </div>
  );
}
