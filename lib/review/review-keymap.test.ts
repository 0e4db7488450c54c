import { describe, expect, it } from "vitest";
import { REVIEW_KEYMAP, matchReviewKey, type ReviewKeyContext } from "@/lib/review/review-keymap";

const context: ReviewKeyContext = { focus: "other", overlay: false, decisionCount: 2 };

describe("matchReviewKey", () => {
  it("takes decision N only for decisions on screen", () => {
    expect(matchReviewKey({ key: "2" }, context)).toEqual({ action: "acceptDecision", index: 1 });
    expect(matchReviewKey({ key: "3" }, context)).toBeNull();
  });

  it("maps the resolution keys and leaves text fields alone except Ctrl+Enter and Escape", () => {
    expect(matchReviewKey({ key: "x" }, context)).toEqual({ action: "exclude" });
    expect(matchReviewKey({ key: "Enter" }, context)).toEqual({ action: "resolve" });
    expect(matchReviewKey({ key: "x" }, { ...context, focus: "text" })).toBeNull();
    expect(matchReviewKey({ key: "Enter", ctrlKey: true }, { ...context, focus: "text" })).toEqual({ action: "resolve" });
    expect(matchReviewKey({ key: "Escape" }, { ...context, focus: "text" })).toEqual({ action: "close" });
  });

  it("lets an open overlay keep the keyboard, except help and Escape", () => {
    expect(matchReviewKey({ key: "1" }, { ...context, overlay: true })).toBeNull();
    expect(matchReviewKey({ key: "?" }, { ...context, overlay: true })).toEqual({ action: "help" });
  });

  it("binds no chord twice", () => {
    const chords = REVIEW_KEYMAP.flatMap((binding) => binding.chords.map((chord) => JSON.stringify(chord)));
    expect(new Set(chords).size).toBe(chords.length);
  });
});
