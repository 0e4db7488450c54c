import { z } from "zod";
import { cleanText, vocabularyKey } from "@/lib/validation/text";

export const CLASS_COUNT = 1000;

export const classIndexSchema = z
  .number({ error: "A class is a number." })
  .int("A class is a whole number.")
  .min(0, "Class indices run from 0 to 999.")
  .max(CLASS_COUNT - 1, "Class indices run from 0 to 999.");

export const AMBIGUITY_REASONS = ["BLURRY", "FEATURES_OBSCURED", "TOO_FAR", "SEVERAL_CLASSES_POSSIBLE", "OTHER"] as const;
export const ambiguityReasonSchema = z.enum(AMBIGUITY_REASONS);
export type AmbiguityReason = z.infer<typeof ambiguityReasonSchema>;

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
