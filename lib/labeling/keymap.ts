/**
 * The labeling screen's one keymap. The window keydown handler (via `matchKey`) and the shortcut
 * help overlay both read KEYMAP, so a shortcut cannot exist without being documented.
 */

export type KeyGroup = "Decision" | "Navigation" | "Image" | "Help";

export type KeyAction =
  | "toggleCandidate"
  | "pickAmbiguity"
  | "openSearch"
  | "ambiguous"
  | "notInImageNet"
  | "submit"
  | "previous"
  | "undo"
  | "redo"
  | "zoomIn"
  | "zoomOut"
  | "zoomFit"
  | "fullResolution"
  | "skip"
  | "help"
  | "close";

/**
 * One way to press a binding. `key` is KeyboardEvent.key. Letters compare case-insensitively and
 * `shift` decides (absent = no Shift); for other keys the key value already says whether Shift
 * was held ("?" vs "/"), and layouts differ on which need it, so Shift is not checked.
 */
export interface KeyChord {
  key: string;
  shift?: boolean;
  /** Ctrl (Windows/Linux) or Cmd (macOS). */
  mod?: boolean;
  /** Also fires while typing in a text field. */
  inText?: boolean;
}

export interface KeyBinding {
  action: KeyAction;
  /** As shown in the help: "1–9", "U", "Shift+Z". */
  key: string;
  label: string;
  description: string;
  group: KeyGroup;
  chords: readonly KeyChord[];
  /** Only while choosing an ambiguity reason (after `a`). */
  mode?: "ambiguity";
}

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** Stands for the taxonomy's size in a description, which is the dataset's, not ImageNet's 1,000: `describeBinding` fills it in. */
export const ALL_CLASSES = "{all classes}";

/** A binding's description as the help shows it, with the number of classes the screen has loaded. */
export function describeBinding(description: string, classCount?: number): string {
  return description.replace(ALL_CLASSES, classCount === undefined ? "all classes" : `all ${classCount.toLocaleString("en-US")} classes`);
}

/** The image viewer's and the help overlay's keys, the same on every screen that shows an image. */
export const VIEWER_BINDINGS = [
  { action: "zoomIn", key: "+", label: "Zoom in", description: "Zoom in at the centre of the image", group: "Image", chords: [{ key: "+" }, { key: "=" }] },
  { action: "zoomOut", key: "-", label: "Zoom out", description: "Zoom out", group: "Image", chords: [{ key: "-" }, { key: "_" }] },
  { action: "zoomFit", key: "0", label: "Fit", description: "Fit the whole image in view", group: "Image", chords: [{ key: "0" }] },
  { action: "fullResolution", key: "F", label: "Full resolution", description: "Show the image at its real pixel size (1:1), or back to fit", group: "Image", chords: [{ key: "f" }] },
  { action: "help", key: "?", label: "Shortcuts", description: "Show or hide this list", group: "Help", chords: [{ key: "?" }] },
  { action: "close", key: "Esc", label: "Close", description: "Close the open overlay, or leave a text field", group: "Help", chords: [{ key: "Escape", inText: true }] },
] as const satisfies readonly { action: KeyAction; group: KeyGroup; key: string; label: string; description: string; chords: readonly KeyChord[] }[];

export const KEYMAP: readonly KeyBinding[] = [
  {
    action: "toggleCandidate",
    key: "1–9",
    label: "Toggle candidate",
    description: "Add or remove candidate N (in the candidate set when several classes are possible)",
    group: "Decision",
    chords: DIGITS.map((key) => ({ key })),
  },
  { action: "openSearch", key: "/", label: "Find class", description: `Search ${ALL_CLASSES} by name, wnid or index`, group: "Decision", chords: [{ key: "/" }] },
  { action: "ambiguous", key: "A", label: "Ambiguous", description: "Mark the image ambiguous, then pick the reason", group: "Decision", chords: [{ key: "a" }] },
  {
    action: "pickAmbiguity",
    key: "1–5",
    label: "Ambiguity reason",
    description: "After A: choose reason N (the chosen number again clears it)",
    group: "Decision",
    chords: DIGITS.slice(0, 5).map((key) => ({ key })),
    mode: "ambiguity",
  },
  { action: "notInImageNet", key: "N", label: "Not in ImageNet", description: "Name what the image shows outside ImageNet", group: "Decision", chords: [{ key: "n" }] },
  { action: "undo", key: "Z", label: "Undo", description: "Undo the last change to the decision", group: "Decision", chords: [{ key: "z" }, { key: "z", mod: true }] },
  {
    action: "redo",
    key: "U / Shift+Z",
    label: "Redo",
    description: "Redo the last undone change",
    group: "Decision",
    chords: [{ key: "u" }, { key: "z", shift: true }, { key: "z", mod: true, shift: true }, { key: "y", mod: true }],
  },
  {
    action: "submit",
    key: "Enter",
    label: "Submit",
    description: "Submit the decision and go to the next image (Ctrl/Cmd+Enter also works while typing)",
    group: "Navigation",
    chords: [{ key: "Enter" }, { key: "Enter", mod: true, inText: true }],
  },
  { action: "previous", key: "Backspace", label: "Previous image", description: "Go back to the previous image", group: "Navigation", chords: [{ key: "Backspace" }] },
  { action: "skip", key: "S", label: "Skip", description: "Skip this image (you will be asked why)", group: "Navigation", chords: [{ key: "s" }] },
  ...VIEWER_BINDINGS,
];

export const KEY_GROUPS: readonly KeyGroup[] = ["Decision", "Navigation", "Image", "Help"];

export type KeyCommand =
  | { action: "toggleCandidate" | "pickAmbiguity"; index: number }
  | { action: Exclude<KeyAction, "toggleCandidate" | "pickAmbiguity"> };

/** The parts of a KeyboardEvent that matter; plain objects in tests. */
export interface KeyEventLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
}

/** What has focus: a text field (typing), an activatable control (Enter belongs to it), or anything else. */
export type FocusKind = "text" | "control" | "other";

export interface KeyContext {
  focus: FocusKind;
  /** A dialog is open: it owns the keyboard except `?` (toggle help) and Escape. */
  overlay: boolean;
  /** `a` was pressed and an ambiguity reason is being chosen. */
  mode: "default" | "ambiguity";
  /** How many candidates are listed; digits beyond it do nothing. */
  candidateCount: number;
}

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "number", "password", "url", "tel", "date", "time", "datetime-local", "month", "week"]);

/** Classifies an event target without depending on the DOM, so it works on plain objects in tests. */
export function focusKindOf(target: unknown): FocusKind {
  if (!target || typeof target !== "object") return "other";
  const element = target as { tagName?: string; type?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null };
  if (element.isContentEditable) return "text";
  const tag = element.tagName?.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return "text";
  if (tag === "INPUT") return TEXT_INPUT_TYPES.has((element.type ?? "text").toLowerCase()) ? "text" : "control";
  if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY") return "control";
  const role = element.getAttribute?.("role");
  if (role === "combobox" || role === "textbox") return "text";
  if (role === "button" || role === "radio" || role === "checkbox" || role === "option" || role === "link") return "control";
  return "other";
}

const isLetter = (key: string) => key.length === 1 && key.toLowerCase() !== key.toUpperCase();

/** Whether a key event presses this chord; shared with the review screen's keymap. */
function chordMatches(chord: KeyChord, event: KeyEventLike): boolean {
  const mod = Boolean(event.ctrlKey || event.metaKey);
  if (mod !== Boolean(chord.mod)) return false;
  if (isLetter(chord.key)) {
    return event.key.toLowerCase() === chord.key && Boolean(event.shiftKey) === Boolean(chord.shift);
  }
  return event.key === chord.key;
}

// Holding a key down must not flip a toggle back and forth or submit twice; zooming may repeat.
/**
 * The binding a key event presses in a keymap, or null when none may fire: while a dialog is open
 * only help and Escape work; in a text field only chords marked `inText`; Enter on a focused
 * button or radio activates it and must not also submit; a held key repeats only `repeatable` ones.
 * Shared by every screen's keymap, so they all obey the same focus rules.
 */
export function pressedBinding<B extends { action: string; chords: readonly KeyChord[] }>(
  keymap: readonly B[],
  event: KeyEventLike,
  context: { focus: FocusKind; overlay: boolean; repeatable: ReadonlySet<string>; skip?: (binding: B) => boolean },
): B | null {
  if (event.isComposing) return null;
  for (const binding of keymap) {
    if (context.skip?.(binding)) continue;
    if (context.overlay && binding.action !== "close" && binding.action !== "help") continue;
    const chord = binding.chords.find((candidate) => chordMatches(candidate, event));
    if (!chord) continue;
    if (context.focus === "text" && !chord.inText) return null;
    if (context.focus === "control" && event.key === "Enter" && !chord.mod) return null;
    if (event.repeat && !context.repeatable.has(binding.action)) return null;
    return binding;
  }
  return null;
}

const REPEATABLE = new Set<KeyAction>(["zoomIn", "zoomOut", "undo", "redo"]);

export function matchKey(event: KeyEventLike, context: KeyContext): KeyCommand | null {
  const binding = pressedBinding(KEYMAP, event, {
    focus: context.focus,
    overlay: context.overlay,
    repeatable: REPEATABLE,
    skip: (candidate) => (candidate.mode !== undefined && candidate.mode !== context.mode) || (context.mode === "ambiguity" && candidate.action === "toggleCandidate"),
  });
  if (!binding) return null;
  if (binding.action === "toggleCandidate" || binding.action === "pickAmbiguity") {
    const index = Number(event.key) - 1;
    if (binding.action === "toggleCandidate" && index >= context.candidateCount) return null;
    return { action: binding.action, index };
  }
  return { action: binding.action };
}
