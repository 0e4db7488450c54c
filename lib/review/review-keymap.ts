/**
 * The review screen's one keymap: the keydown handler (matchReviewKey) and the help overlay both
 * read REVIEW_KEYMAP, so every shortcut is documented.
 */
import { ALL_CLASSES, VIEWER_BINDINGS, pressedBinding, type FocusKind, type KeyChord, type KeyEventLike } from "@/lib/labeling/keymap";

export type ReviewKeyGroup = "Resolve" | "Navigation" | "Image" | "Help";

export type ReviewKeyAction =
  | "acceptDecision"
  | "openSearch"
  | "clearSet"
  | "ambiguous"
  | "notInImageNet"
  | "exclude"
  | "note"
  | "resolve"
  | "sendBack"
  | "next"
  | "zoomIn"
  | "zoomOut"
  | "zoomFit"
  | "fullResolution"
  | "help"
  | "close";

export interface ReviewKeyBinding {
  action: ReviewKeyAction;
  key: string;
  label: string;
  description: string;
  group: ReviewKeyGroup;
  chords: readonly KeyChord[];
}

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

export const REVIEW_KEYMAP: readonly ReviewKeyBinding[] = [
  { action: "acceptDecision", key: "1–9", label: "Take decision N", description: "Start the resolution from annotator N's decision (then Enter to resolve)", group: "Resolve", chords: DIGITS.map((key) => ({ key })) },
  { action: "openSearch", key: "/", label: "Add a class", description: `Compose the set: search ${ALL_CLASSES} and add one`, group: "Resolve", chords: [{ key: "/" }] },
  { action: "clearSet", key: "C", label: "Clear", description: "Start from an empty resolution", group: "Resolve", chords: [{ key: "c" }] },
  { action: "ambiguous", key: "A", label: "Ambiguous", description: "Mark the resolution ambiguous and give the reason (the set becomes the candidates)", group: "Resolve", chords: [{ key: "a" }] },
  { action: "notInImageNet", key: "N", label: "Not in ImageNet", description: "Name what the image shows outside ImageNet", group: "Resolve", chords: [{ key: "n" }] },
  { action: "exclude", key: "X", label: "Exclude", description: "Exclude the image from evaluation, with a reason (drawing, duplicate…)", group: "Resolve", chords: [{ key: "x" }] },
  { action: "note", key: "E", label: "Note", description: "Write a note that is kept with the resolution", group: "Resolve", chords: [{ key: "e" }] },
  {
    action: "resolve",
    key: "Enter",
    label: "Resolve",
    description: "Save the resolution and open the next image of the queue (Ctrl/Cmd+Enter also works while typing the note)",
    group: "Resolve",
    chords: [{ key: "Enter" }, { key: "Enter", mod: true, inText: true }],
  },
  { action: "sendBack", key: "B", label: "Send back", description: "Ask for one more annotation of this image in its campaign", group: "Navigation", chords: [{ key: "b" }] },
  { action: "next", key: "J", label: "Next image", description: "Open the next image of the queue without resolving this one", group: "Navigation", chords: [{ key: "j" }] },
  ...VIEWER_BINDINGS,
];

export const REVIEW_KEY_GROUPS: readonly ReviewKeyGroup[] = ["Resolve", "Navigation", "Image", "Help"];

export type ReviewKeyCommand = { action: "acceptDecision"; index: number } | { action: Exclude<ReviewKeyAction, "acceptDecision"> };

export interface ReviewKeyContext {
  focus: FocusKind;
  overlay: boolean;
  /** How many decisions are shown; digits beyond it do nothing. */
  decisionCount: number;
}

const REPEATABLE = new Set<ReviewKeyAction>(["zoomIn", "zoomOut"]);

export function matchReviewKey(event: KeyEventLike, context: ReviewKeyContext): ReviewKeyCommand | null {
  if (event.altKey) return null;
  const binding = pressedBinding(REVIEW_KEYMAP, event, { focus: context.focus, overlay: context.overlay, repeatable: REPEATABLE });
  if (!binding) return null;
  if (binding.action === "acceptDecision") {
    const index = Number(event.key) - 1;
    return index < context.decisionCount ? { action: "acceptDecision", index } : null;
  }
  return { action: binding.action };
}
