import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT } from "@/lib/labeling/decision-store";
import { checkDraft, draftFieldErrors, initialDraft } from "@/lib/labeling/draft";

describe("initialDraft", () => {
  const saved = { ...EMPTY_DRAFT, classes: [1], version: 3, updatedAt: "2025-01-01T00:00:00Z" };
  it("prefers the draft, then the submitted decision, then empty", () => {
    expect(initialDraft({ draft: { ...EMPTY_DRAFT, notes: "x" }, saved })).toMatchObject({ notes: "x" });
    expect(initialDraft({ draft: null, saved })).toEqual({ ...EMPTY_DRAFT, classes: [1] });
    expect(initialDraft({ draft: null, saved: null })).toEqual(EMPTY_DRAFT);
  });
});

describe("checkDraft", () => {
  it("accepts a complete decision", () => {
    expect(checkDraft({ ...EMPTY_DRAFT, classes: [3] })).toEqual({ ok: true });
    expect(checkDraft({ ...EMPTY_DRAFT, outsideLabels: ["vole"] })).toEqual({ ok: true });
  });

  it("explains what is missing, per field", () => {
    const empty = checkDraft(EMPTY_DRAFT);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(Object.keys(empty.fieldErrors)).toEqual(["classes"]);
    const several = checkDraft({ ...EMPTY_DRAFT, ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [1] });
    expect(several).toMatchObject({ ok: false, fieldErrors: { candidateClasses: [expect.stringContaining("at least two")] } });
  });
});

describe("draftFieldErrors", () => {
  it("names the text field the server would refuse, even in an incomplete draft", () => {
    expect(draftFieldErrors(EMPTY_DRAFT)).toEqual({});
    expect(Object.keys(draftFieldErrors({ ...EMPTY_DRAFT, notes: "a\u0000b" }))).toEqual(["notes"]);
    expect(Object.keys(draftFieldErrors({ ...EMPTY_DRAFT, outsideLabels: ["ok", "\ud800"] }))).toEqual(["outsideLabels"]);
  });
});
