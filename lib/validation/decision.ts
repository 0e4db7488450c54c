import { z } from "zod";
import { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { MAX_ID } from "@/lib/validation/id";
import { cleanText, vocabularyKey } from "@/lib/validation/text";

/** Which indices exist is the dataset's taxonomy: the server checks that (lib/decisions/known-classes.ts). */
export const classIndexSchema = z
  .number({ error: "A class is a number." })
  .int("A class is a whole number.")
  .min(0, "A class index is not negative.")
  // Stored in PostgreSQL integer arrays: a larger number names no class and would fail as out of range.
  .max(MAX_ID, "No such class.");

/** How a form names the valid indices, from the taxonomy's size (forms get it from the page). */
export const classIndexRange = (classCount: number) => (classCount > 0 ? `0–${classCount - 1}` : "no classes imported yet");

/** In the schema's order, which is also the order of the number keys that pick them. */
export const AMBIGUITY_REASONS = Object.values(AmbiguityReason);
export const ambiguityReasonSchema = z.enum(AmbiguityReason);

export const AMBIGUITY_LABELS: Record<AmbiguityReason, string> = {
  BLURRY: "Blurry",
  FEATURES_OBSCURED: "Characteristic features obscured",
  TOO_FAR: "Too far",
  SEVERAL_CLASSES_POSSIBLE: "Several classes possible",
  OTHER: "Other",
};

export const outsideLabelSchema = cleanText({
  field: "a label outside ImageNet",
  min: 1,
  minMessage: "A label outside ImageNet needs a name.",
  max: 80,
  maxMessage: "Labels outside ImageNet are at most 80 characters.",
});

export const notesSchema = cleanText({ field: "the notes", max: 5000, maxMessage: "Notes are at most 5000 characters.", trim: false });

const uniqueClasses = z
  .array(classIndexSchema)
  .max(50, "At most 50 classes per decision.")
  .transform((classes) => [...new Set(classes)].sort((a, b) => a - b));

/** What an annotator decides about one image; shared by the draft store, autosave and submit. */
export const decisionContentSchema = z
  .object({
    classes: uniqueClasses,
    ambiguity: ambiguityReasonSchema.nullable(),
    candidateClasses: uniqueClasses,
    outsideLabels: z
      .array(outsideLabelSchema)
      .max(10, "At most 10 labels outside ImageNet.")
      // Look-alike spellings of one label are one label (and one vocabulary entry).
      .transform((labels) => [...new Set(labels.map(vocabularyKey))]),
    notes: notesSchema,
  })
  .superRefine((decision, ctx) => {
    const empty = decision.classes.length === 0 && decision.ambiguity === null && decision.outsideLabels.length === 0;
    if (empty) {
      ctx.addIssue({
        code: "custom",
        path: ["classes"],
        message: "Choose at least one class, mark the image ambiguous, or name what it shows outside ImageNet.",
      });
    }
    if (decision.ambiguity === "SEVERAL_CLASSES_POSSIBLE" && decision.candidateClasses.length < 2) {
      ctx.addIssue({
        code: "custom",
        path: ["candidateClasses"],
        message: "Pick the classes that are possible (at least two).",
      });
    }
  });

export type DecisionContent = z.infer<typeof decisionContentSchema>;
export type DecisionContentInput = z.input<typeof decisionContentSchema>;
