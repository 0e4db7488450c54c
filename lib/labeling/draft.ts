/** Drafts on the client: where the screen starts, and the pre-submit check that mirrors the server's. */
import { decisionContentSchema } from "@/lib/validation/decision";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation/field-errors";
import { saveDraftSchema } from "@/lib/validation/labeling";
import { EMPTY_DRAFT } from "@/lib/labeling/decision-store";
import type { LabelingItem } from "@/lib/labeling/types";
import type { DraftContent } from "@/lib/validation/labeling";

/** The unsaved draft wins over the submitted decision (it is newer work); otherwise start empty. */
export function initialDraft(item: Pick<LabelingItem, "draft" | "saved">): DraftContent {
  if (item.draft) return item.draft;
  if (item.saved) {
    const { classes, ambiguity, candidateClasses, outsideLabels, notes } = item.saved;
    return { classes, ambiguity, candidateClasses, outsideLabels, notes };
  }
  return EMPTY_DRAFT;
}

export type DraftCheck = { ok: true } | { ok: false; error: string; fieldErrors: FieldErrors };

/**
 * Runs the decision schema before calling the server, so an incomplete decision is explained at
 * once without a round trip. The server validates again: this is a convenience, not a guard.
 */
export function checkDraft(content: DraftContent): DraftCheck {
  const parsed = decisionContentSchema.safeParse(content);
  if (parsed.success) return { ok: true };
  const first = parsed.error.issues[0]?.message ?? "The decision is incomplete.";
  return { ok: false, error: first, fieldErrors: fieldErrorsOf(parsed.error) };
}

const draftContentSchema = saveDraftSchema.shape.content;

/** What the server would refuse even in a draft (a control character in the notes…), per field; empty when the draft can be saved. */
export function draftFieldErrors(content: DraftContent): FieldErrors {
  const parsed = draftContentSchema.safeParse(content);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

/** A draft the server refused for its content: retrying cannot help, an edit can. */
export class InvalidDraftError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super(Object.values(fieldErrors).flat()[0] ?? "This draft cannot be saved.");
    this.name = "InvalidDraftError";
  }
}
