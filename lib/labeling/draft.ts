/** Drafts on the client: where the screen starts, and the pre-submit check that mirrors the server's. */
import { decisionContentSchema } from "@/lib/validation/decision";
import { EMPTY_DRAFT } from "@/lib/labeling/decision-store";
import type { DraftContent, LabelingItem } from "@/lib/labeling/types";

/** The unsaved draft wins over the submitted decision (it is newer work); otherwise start empty. */
export function initialDraft(item: Pick<LabelingItem, "draft" | "saved">): DraftContent {
  if (item.draft) return item.draft;
  if (item.saved) {
    const { classes, ambiguity, candidateClasses, outsideLabels, notes } = item.saved;
    return { classes, ambiguity, candidateClasses, outsideLabels, notes };
  }
  return EMPTY_DRAFT;
}

export type DraftCheck = { ok: true } | { ok: false; error: string; fieldErrors: Record<string, string[]> };

/**
 * Runs the decision schema before calling the server, so an incomplete decision is explained at
 * once without a round trip. The server validates again: this is a convenience, not a guard.
 */
export function checkDraft(content: DraftContent): DraftCheck {
  const parsed = decisionContentSchema.safeParse(content);
  if (parsed.success) return { ok: true };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "decision");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const first = parsed.error.issues[0]?.message ?? "The decision is incomplete.";
  return { ok: false, error: first, fieldErrors };
}
