import { z } from "zod";
import { classIndexSchema as classIndex } from "@/lib/validation/decision";

// Which indices exist is the dataset's taxonomy: callers check the parsed lists with requireKnownClasses.
const numbers = (parts: string[]) => parts.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));

/** "356,357,358" → [356, 357, 358]: the classes of a report, a confusion matrix or a chart. */
export const classListSchema = z
  .string()
  .transform((text) => numbers(text.split(",").map((s) => s.trim()).filter(Boolean)))
  .pipe(z.array(classIndex).min(1, "Name at least one class, e.g. 356,357,358,359.").max(50, "At most 50 classes."))
  .transform((classes) => [...new Set(classes)]);

/** "620,681;836,837": groups of classes that evaluation counts as one. */
export const mergeMapSchema = z
  .string()
  .transform((text) => text.split(";").map((group) => numbers(group.split(",").map((s) => s.trim()).filter(Boolean))).filter((g) => g.length > 0))
  .pipe(z.array(z.array(classIndex).min(2, "Each merged group needs at least two classes, e.g. 620,681.")).min(1, 'Give groups like "620,681;836,837".'));

export type ClassList = z.infer<typeof classListSchema>;
