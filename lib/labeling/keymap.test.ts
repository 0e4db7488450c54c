import { describe, expect, it } from "vitest";
import { KEYMAP, KEY_GROUPS, focusKindOf, matchKey, type KeyContext, type KeyEventLike } from "@/lib/labeling/keymap";

const base: KeyContext = { focus: "other", overlay: false, mode: "default", candidateCount: 9 };
const press = (key: string, extra: Partial<KeyEventLike> = {}, context: Partial<KeyContext> = {}) =>
  matchKey({ key, ...extra }, { ...base, ...context });

describe("KEYMAP", () => {
  it("declares every binding once, with help text and a known group", () => {
    const actions = KEYMAP.map((binding) => binding.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const binding of KEYMAP) {
      expect(binding.label && binding.description && binding.key).toBeTruthy();
      expect(KEY_GROUPS).toContain(binding.group);
    }
  });

  it("never binds the same chord twice in one mode", () => {
    const seen = new Set<string>();
    for (const binding of KEYMAP) {
      for (const chord of binding.chords) {
        const id = `${binding.mode ?? "default"}:${chord.key.toLowerCase()}:${chord.shift}:${chord.mod}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
});

describe("matchKey", () => {
  it("maps the documented keys to actions", () => {
    expect(press("/")).toEqual({ action: "openSearch" });
    expect(press("a")).toEqual({ action: "ambiguous" });
    expect(press("n")).toEqual({ action: "notInImageNet" });
    expect(press("Enter")).toEqual({ action: "submit" });
    expect(press("Backspace")).toEqual({ action: "previous" });
    expect(press("z")).toEqual({ action: "undo" });
    expect(press("u")).toEqual({ action: "redo" });
    expect(press("Z", { shiftKey: true })).toEqual({ action: "redo" });
    expect(press("+", { shiftKey: true })).toEqual({ action: "zoomIn" });
    expect(press("=")).toEqual({ action: "zoomIn" });
    expect(press("-")).toEqual({ action: "zoomOut" });
    expect(press("0")).toEqual({ action: "zoomFit" });
    expect(press("f")).toEqual({ action: "fullResolution" });
    expect(press("s")).toEqual({ action: "skip" });
    expect(press("?", { shiftKey: true })).toEqual({ action: "help" });
    expect(press("Escape")).toEqual({ action: "close" });
  });

  it("maps digits to candidate positions within the list", () => {
    expect(press("1")).toEqual({ action: "toggleCandidate", index: 0 });
    expect(press("9")).toEqual({ action: "toggleCandidate", index: 8 });
    expect(press("4", {}, { candidateCount: 3 })).toBeNull();
    // AZERTY needs Shift for digits: the key value decides.
    expect(press("2", { shiftKey: true })).toEqual({ action: "toggleCandidate", index: 1 });
  });

  it("accepts caps-lock letters but not unbound shifted ones", () => {
    expect(press("A")).toEqual({ action: "ambiguous" });
    expect(press("A", { shiftKey: true })).toBeNull();
  });

  it("leaves browser shortcuts alone", () => {
    expect(press("f", { ctrlKey: true })).toBeNull();
    expect(press("0", { metaKey: true })).toBeNull();
    expect(press("s", { metaKey: true })).toBeNull();
    expect(press("z", { ctrlKey: true })).toEqual({ action: "undo" });
    expect(press("Z", { ctrlKey: true, shiftKey: true })).toEqual({ action: "redo" });
    expect(press("z", { metaKey: true, shiftKey: true })).toEqual({ action: "redo" });
  });

  it("ignores keys typed in text fields except Escape and Ctrl/Cmd+Enter", () => {
    const typing = { focus: "text" as const };
    for (const key of ["1", "a", "n", "z", "/", "?", "Backspace", "Enter", "s", "0"]) {
      expect(press(key, {}, typing), key).toBeNull();
    }
    expect(press("z", { ctrlKey: true }, typing)).toBeNull();
    expect(press("Escape", {}, typing)).toEqual({ action: "close" });
    expect(press("Enter", { ctrlKey: true }, typing)).toEqual({ action: "submit" });
    expect(press("Enter", { metaKey: true }, typing)).toEqual({ action: "submit" });
  });

  it("lets Enter activate a focused control instead of submitting", () => {
    expect(press("Enter", {}, { focus: "control" })).toBeNull();
    expect(press("Enter", { ctrlKey: true }, { focus: "control" })).toEqual({ action: "submit" });
    expect(press("1", {}, { focus: "control" })).toEqual({ action: "toggleCandidate", index: 0 });
  });

  it("while an overlay is open, only toggles help and closes", () => {
    const overlay = { overlay: true };
    expect(press("1", {}, overlay)).toBeNull();
    expect(press("Enter", {}, overlay)).toBeNull();
    expect(press("?", {}, overlay)).toEqual({ action: "help" });
    expect(press("Escape", {}, overlay)).toEqual({ action: "close" });
  });

  it("picks ambiguity reasons with digits after a", () => {
    const picking = { mode: "ambiguity" as const };
    expect(press("1", {}, picking)).toEqual({ action: "pickAmbiguity", index: 0 });
    expect(press("5", {}, picking)).toEqual({ action: "pickAmbiguity", index: 4 });
    expect(press("6", {}, picking)).toBeNull();
    expect(press("a", {}, picking)).toEqual({ action: "ambiguous" });
    expect(press("Escape", {}, picking)).toEqual({ action: "close" });
  });

  it("ignores auto-repeat for toggles and submit but not for zoom", () => {
    expect(press("1", { repeat: true })).toBeNull();
    expect(press("Enter", { repeat: true })).toBeNull();
    expect(press("+", { repeat: true })).toEqual({ action: "zoomIn" });
  });

  it("ignores IME composition", () => {
    expect(press("n", { isComposing: true })).toBeNull();
  });
});

describe("focusKindOf", () => {
  it("tells text fields from controls", () => {
    expect(focusKindOf({ tagName: "INPUT", type: "text" })).toBe("text");
    expect(focusKindOf({ tagName: "INPUT", type: "radio" })).toBe("control");
    expect(focusKindOf({ tagName: "TEXTAREA" })).toBe("text");
    expect(focusKindOf({ tagName: "DIV", isContentEditable: true })).toBe("text");
    expect(focusKindOf({ tagName: "BUTTON" })).toBe("control");
    expect(focusKindOf({ tagName: "DIV", getAttribute: () => "radio" })).toBe("control");
    expect(focusKindOf({ tagName: "BODY", getAttribute: () => null })).toBe("other");
    expect(focusKindOf(null)).toBe("other");
  });
});
