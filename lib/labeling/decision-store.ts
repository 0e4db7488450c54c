/**
 * The annotator's decision for one image, with undo/redo. A vanilla zustand store (no React), one
 * per labeling session, created by `createDecisionStore` behind the session provider. UI state
 * (zoom, overlays) lives apart in view-store.ts so that undo only ever touches the decision.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { vocabularyKey } from "@/lib/validation/text";
import type { DraftContent } from "@/lib/validation/labeling";

const HISTORY_LIMIT = 200;

export interface DecisionState {
  past: DraftContent[];
  present: DraftContent;
  future: DraftContent[];
  /** Bumped by every change of `present` (edits, undo, redo, reset); autosave saves revisions. */
  revision: number;
  /** The newest revision the server has confirmed; `revision > savedRevision` means unsaved. */
  savedRevision: number;
  /** What the last history step was, so consecutive note edits coalesce into one undo step. */
  lastEdit: "notes" | "other" | null;

  toggleClass(index: number): void;
  toggleCandidateClass(index: number): void;
  /** Toggles in the set that the candidate keys act on: the candidate set while several classes are possible. */
  toggleSelected(index: number): void;
  /** Like toggleSelected, but only adds (class search never removes). */
  addSelected(index: number): void;
  setAmbiguity(reason: AmbiguityReason | null): void;
  addOutsideLabel(label: string): void;
  removeOutsideLabel(label: string): void;
  setNotes(notes: string): void;
  undo(): void;
  redo(): void;
  /** Brings back unsent work kept in the browser, as an edit (undoable, and saved like one). */
  restore(content: DraftContent): void;
  /** Adopts `content` as the new, already saved baseline and forgets the history. */
  reset(content: DraftContent): void;
  markSaved(revision: number): void;
}

export type DecisionStore = StoreApi<DecisionState>;

export const EMPTY_DRAFT: DraftContent = { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" };

const toggle = (list: number[], index: number) =>
  list.includes(index) ? list.filter((other) => other !== index) : [...list, index];

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((value, i) => value === b[i]);

function sameContent(a: DraftContent, b: DraftContent): boolean {
  return (
    a.ambiguity === b.ambiguity &&
    a.notes === b.notes &&
    sameList(a.classes, b.classes) &&
    sameList(a.candidateClasses, b.candidateClasses) &&
    sameList(a.outsideLabels, b.outsideLabels)
  );
}

/** Same normalization as the decision schema applies on submit, so the draft shows what will be saved. */
export function normalizeOutsideLabel(label: string): string {
  return vocabularyKey(label);
}

/**
 * Moving into "several classes possible" turns the chosen classes into the candidate set (the
 * expert was unsure between them), and moving back out to "not ambiguous" returns them, so that
 * switching the reason never silently drops a selection. Any other reason ends the candidate set.
 */
function withAmbiguity(content: DraftContent, reason: AmbiguityReason | null): DraftContent {
  const several = "SEVERAL_CLASSES_POSSIBLE";
  if (reason === several && content.ambiguity !== several) {
    return { ...content, ambiguity: reason, candidateClasses: [...new Set([...content.candidateClasses, ...content.classes])], classes: [] };
  }
  if (content.ambiguity === several && reason !== several) {
    const classes = reason === null && content.classes.length === 0 ? content.candidateClasses : content.classes;
    return { ...content, ambiguity: reason, classes, candidateClasses: [] };
  }
  return { ...content, ambiguity: reason };
}

export function createDecisionStore(initial: DraftContent): DecisionStore {
  return createStore<DecisionState>()((set, get) => {
    const commit = (next: DraftContent, kind: "notes" | "other") => {
      const state = get();
      if (sameContent(state.present, next)) return;
      const coalesce = kind === "notes" && state.lastEdit === "notes";
      set({
        past: coalesce ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT),
        present: next,
        future: [],
        revision: state.revision + 1,
        lastEdit: kind,
      });
    };
    const edit = (change: (content: DraftContent) => DraftContent) => commit(change(get().present), "other");
    const selectingCandidates = () => get().present.ambiguity === "SEVERAL_CLASSES_POSSIBLE";

    return {
      past: [],
      present: initial,
      future: [],
      revision: 0,
      savedRevision: 0,
      lastEdit: null,

      toggleClass: (index) => edit((c) => ({ ...c, classes: toggle(c.classes, index) })),
      toggleCandidateClass: (index) => edit((c) => ({ ...c, candidateClasses: toggle(c.candidateClasses, index) })),
      toggleSelected: (index) => (selectingCandidates() ? get().toggleCandidateClass(index) : get().toggleClass(index)),
      addSelected: (index) => {
        const { present } = get();
        const list = selectingCandidates() ? present.candidateClasses : present.classes;
        if (!list.includes(index)) get().toggleSelected(index);
      },
      setAmbiguity: (reason) => edit((c) => withAmbiguity(c, reason)),
      addOutsideLabel: (label) => {
        const normalized = normalizeOutsideLabel(label);
        if (!normalized) return;
        edit((c) => (c.outsideLabels.includes(normalized) ? c : { ...c, outsideLabels: [...c.outsideLabels, normalized] }));
      },
      removeOutsideLabel: (label) => edit((c) => ({ ...c, outsideLabels: c.outsideLabels.filter((other) => other !== label) })),
      setNotes: (notes) => commit({ ...get().present, notes }, "notes"),
      restore: (content) => commit(content, "other"),

      undo: () => {
        const { past, present, future, revision } = get();
        const previous = past.at(-1);
        if (!previous) return;
        set({ past: past.slice(0, -1), present: previous, future: [present, ...future], revision: revision + 1, lastEdit: null });
      },
      redo: () => {
        const { past, present, future, revision } = get();
        const next = future[0];
        if (!next) return;
        set({ past: [...past, present], present: next, future: future.slice(1), revision: revision + 1, lastEdit: null });
      },
      reset: (content) => {
        const revision = get().revision + 1;
        set({ past: [], present: content, future: [], revision, savedRevision: revision, lastEdit: null });
      },
      markSaved: (revision) => {
        if (revision > get().savedRevision) set({ savedRevision: revision });
      },
    };
  });
}

export const selectDraft = (state: DecisionState): DraftContent => state.present;
export const selectIsDirty = (state: DecisionState): boolean => state.revision > state.savedRevision;
export const selectCanUndo = (state: DecisionState): boolean => state.past.length > 0;
export const selectCanRedo = (state: DecisionState): boolean => state.future.length > 0;
