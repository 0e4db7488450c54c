import { describe, expect, it } from "vitest";
import {
  EMPTY_DRAFT,
  createDecisionStore,
  selectCanRedo,
  selectCanUndo,
  selectDraft,
  selectIsDirty,
} from "@/lib/labeling/decision-store";

const fresh = () => createDecisionStore(EMPTY_DRAFT);

describe("decision store", () => {
  it("starts clean from the initial draft", () => {
    const store = createDecisionStore({ ...EMPTY_DRAFT, classes: [5] });
    const state = store.getState();
    expect(selectDraft(state).classes).toEqual([5]);
    expect(selectIsDirty(state)).toBe(false);
    expect(selectCanUndo(state)).toBe(false);
  });

  it("toggles classes and bumps the revision on every change", () => {
    const store = fresh();
    store.getState().toggleClass(3);
    store.getState().toggleClass(7);
    expect(store.getState().present.classes).toEqual([3, 7]);
    store.getState().toggleClass(3);
    expect(store.getState().present.classes).toEqual([7]);
    expect(store.getState().revision).toBe(3);
    expect(selectIsDirty(store.getState())).toBe(true);
  });

  it("undoes and redoes in order, and a new edit clears the redo stack", () => {
    const store = fresh();
    const s = () => store.getState();
    s().toggleClass(1);
    s().toggleClass(2);
    s().setAmbiguity("BLURRY");
    s().undo();
    expect(s().present).toMatchObject({ classes: [1, 2], ambiguity: null });
    s().undo();
    expect(s().present.classes).toEqual([1]);
    s().redo();
    expect(s().present.classes).toEqual([1, 2]);
    expect(selectCanRedo(s())).toBe(true);
    s().toggleClass(9);
    expect(selectCanRedo(s())).toBe(false);
    s().redo();
    expect(s().present.classes).toEqual([1, 2, 9]);
    s().undo();
    s().undo();
    s().undo();
    s().undo(); // past is empty: no-op
    expect(s().present).toEqual(EMPTY_DRAFT);
    expect(selectCanUndo(s())).toBe(false);
  });

  it("coalesces consecutive note edits into one undo step", () => {
    const store = fresh();
    const s = () => store.getState();
    s().toggleClass(4);
    s().setNotes("b");
    s().setNotes("bl");
    s().setNotes("blurry tail");
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().present).toMatchObject({ classes: [4], notes: "" });
    s().redo();
    expect(s().present.notes).toBe("blurry tail");
  });

  it("starts a new notes step after any other edit or an undo", () => {
    const store = fresh();
    const s = () => store.getState();
    s().setNotes("first");
    s().toggleClass(1);
    s().setNotes("first, second");
    s().undo();
    expect(s().present).toMatchObject({ notes: "first", classes: [1] });
    s().setNotes("first, third");
    s().setNotes("first, third!");
    s().undo();
    expect(s().present.notes).toBe("first");
  });

  it("ignores edits that change nothing", () => {
    const store = fresh();
    store.getState().setNotes("");
    store.getState().setAmbiguity(null);
    store.getState().addOutsideLabel("   ");
    expect(store.getState().revision).toBe(0);
    expect(store.getState().past).toHaveLength(0);
  });

  it("normalizes and de-duplicates labels outside ImageNet", () => {
    const store = fresh();
    const s = () => store.getState();
    s().addOutsideLabel("  Domestic   Ferret ");
    s().addOutsideLabel("domestic ferret");
    s().addOutsideLabel("vole");
    expect(s().present.outsideLabels).toEqual(["domestic ferret", "vole"]);
    s().removeOutsideLabel("domestic ferret");
    expect(s().present.outsideLabels).toEqual(["vole"]);
  });

  it("moves the selection into the candidate set when several classes are possible, and back", () => {
    const store = fresh();
    const s = () => store.getState();
    s().toggleSelected(356);
    s().setAmbiguity("SEVERAL_CLASSES_POSSIBLE");
    expect(s().present).toMatchObject({ classes: [], candidateClasses: [356] });
    s().toggleSelected(357);
    s().addSelected(357);
    expect(s().present.candidateClasses).toEqual([356, 357]);
    s().setAmbiguity(null);
    expect(s().present).toMatchObject({ ambiguity: null, classes: [356, 357], candidateClasses: [] });
    s().undo();
    expect(s().present).toMatchObject({ ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [356, 357] });
    s().setAmbiguity("BLURRY");
    expect(s().present).toMatchObject({ ambiguity: "BLURRY", classes: [], candidateClasses: [] });
  });

  it("toggleCandidateClass edits the candidate set directly", () => {
    const store = fresh();
    store.getState().toggleCandidateClass(10);
    expect(store.getState().present).toMatchObject({ classes: [], candidateClasses: [10] });
  });

  it("tracks what the server confirmed", () => {
    const store = fresh();
    const s = () => store.getState();
    s().toggleClass(1);
    s().toggleClass(2);
    s().markSaved(1);
    expect(selectIsDirty(s())).toBe(true);
    s().markSaved(2);
    expect(selectIsDirty(s())).toBe(false);
    s().markSaved(1); // a late, older confirmation does not go backwards
    expect(s().savedRevision).toBe(2);
  });

  it("reset adopts new content as a clean baseline without history", () => {
    const store = fresh();
    const s = () => store.getState();
    s().toggleClass(1);
    s().reset({ ...EMPTY_DRAFT, classes: [42] });
    expect(s().present.classes).toEqual([42]);
    expect(selectCanUndo(s())).toBe(false);
    expect(selectIsDirty(s())).toBe(false);
    s().undo();
    expect(s().present.classes).toEqual([42]);
  });

  it("keeps a bounded history", () => {
    const store = fresh();
    for (let i = 0; i < 250; i++) store.getState().toggleClass(i % 3);
    expect(store.getState().past.length).toBe(200);
  });

  it("gives each session its own store", () => {
    const a = fresh();
    const b = fresh();
    a.getState().toggleClass(1);
    expect(b.getState().present.classes).toEqual([]);
  });
});
