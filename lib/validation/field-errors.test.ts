import { describe, expect, it } from "vitest";
import { fieldErrorsOf, fieldsWithin } from "@/lib/validation/field-errors";
import { submitDecisionSchema } from "@/lib/validation/labeling";

const submit = {
  campaignId: 1,
  imageId: 1,
  requestId: "0b7d7b0e-8a7e-4c1a-9a55-2d1f9d3c1a10",
  timeSpentMs: 1,
  shownClasses: [],
  shownSources: [],
};

describe("fieldErrorsOf", () => {
  it("keys errors by the field's path without array positions", () => {
    const parsed = submitDecisionSchema.safeParse({
      ...submit,
      content: { classes: [-1], ambiguity: null, candidateClasses: [], outsideLabels: ["ok", "x\u0000"], notes: "\u0000" },
    });
    const errors = fieldErrorsOf(parsed.error!);
    expect(Object.keys(errors).sort()).toEqual(["content.classes", "content.notes", "content.outsideLabels"]);
  });

  it("files errors about the whole input under _", () => {
    const parsed = submitDecisionSchema.safeParse("nonsense");
    expect(Object.keys(fieldErrorsOf(parsed.error!))).toEqual(["_"]);
  });
});

describe("fieldsWithin", () => {
  it("re-keys a nested form's errors the way its fields are named, so they show beside the field", () => {
    const errors = { "content.notes": ["bad"], "content.classes": ["empty"], requestId: ["nope"] };
    expect(fieldsWithin(errors, "content")).toEqual({ notes: ["bad"], classes: ["empty"], _: ["nope"] });
    expect(fieldsWithin(undefined, "content")).toEqual({});
  });
});
