import { z } from "zod";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { ExpectedError } from "@/lib/errors";
import type { GoldEntry } from "@/lib/gold/mark";
import { decisionContentSchema, type DecisionContentInput } from "@/lib/validation/decision";
import { idSchema } from "@/lib/validation/id";

/** A typed-in gold answer: the decision content rules (a class, ambiguous or outside ImageNet), without notes. */
export const goldAnswerSchema = z.object({
  file: z.string({ error: "Name the image file." }).trim().min(1, "Name the image file.").max(255),
  classes: z.array(z.unknown()).default([]),
  ambiguity: z.unknown().default(null),
  candidateClasses: z.array(z.unknown()).default([]),
  outsideLabels: z.array(z.unknown()).default([]),
});

const outcomeOf = (value: unknown): DecisionOutcome => {
  const content = decisionContentSchema.parse({ ...(value as object), notes: "" });
  return { classes: [...content.classes].sort((a, b) => a - b), ambiguity: content.ambiguity, candidateClasses: content.candidateClasses, outsideLabels: content.outsideLabels };
};

/**
 * Form input of one typed-in answer on an image (the image page's form): any outcome a decision can
 * have — classes, ambiguous with a reason (and the possible classes), labels outside ImageNet — under
 * the decision's own rules, without notes. markGoldAnswers checks the classes against the taxonomy.
 */
export const markGoldSchema = z
  .preprocess(
    // Fields left out are empty; a gold answer has no notes. A browser or an attacker may send anything: the schema then refuses it.
    (value: MarkGoldInput) => (value !== null && typeof value === "object" ? { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [], ...value, notes: "" } : value),
    decisionContentSchema.safeExtend({ imageId: idSchema }),
  )
  .transform(({ notes: _notes, ...answer }) => answer);
export type MarkGoldInput = { imageId: number } & Partial<Omit<DecisionContentInput, "notes">>;

// Ids through idSchema: past PostgreSQL's integer they name no row (and sent on they failed as "went wrong").
export const memberPauseSchema = z.object({ campaignId: idSchema, userId: idSchema, paused: z.boolean() });

export const unmarkGoldSchema = z.object({ imageId: idSchema });

/** A gold JSONL file, checked whole before anything is written; errors name the line. */
export function parseGoldFile(text: string): GoldEntry[] {
  const entries: GoldEntry[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const parsed = goldAnswerSchema.parse(JSON.parse(line));
      entries.push({ fileKey: parsed.file, outcome: outcomeOf(parsed) });
    } catch (error) {
      const message = error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join("; ") : "not valid JSON";
      errors.push(`line ${i + 1}: ${message}`);
    }
  });
  if (errors.length > 0) throw new ExpectedError(`The gold file has errors, nothing was marked:\n${errors.slice(0, 20).join("\n")}`);
  if (entries.length === 0) throw new ExpectedError("The gold file holds no answer.");
  return entries;
}
