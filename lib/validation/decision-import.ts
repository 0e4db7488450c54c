import { z } from "zod";
import { classIndexSchema, decisionContentSchema, type DecisionContent } from "@/lib/validation/decision";
import { cleanText } from "@/lib/validation/text";

const timestamp = z.iso.datetime({ offset: true, error: "A time is an ISO 8601 date-time, e.g. 2026-12-01T07:00:00.000Z." }).transform((text) => new Date(text));
const email = z.email("The annotator is named by e-mail address.").max(254).transform((text) => text.toLowerCase());

/** A decision line's fields besides its content (the content is checked by the labeling schema itself). */
const decisionMetaSchema = z.object({
  file: z.string({ error: "Name the image file." }).trim().min(1, "Name the image file.").max(255),
  annotator: email,
  timeSpentMs: z.number().int().min(0).max(2_147_483_647).nullable().default(null),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
  shownClasses: z.array(classIndexSchema).max(1000).default([]),
  shownSources: z.array(cleanText({ field: "a source name", max: 100 })).max(100).default([]),
  revisions: z.array(z.unknown()).max(1000).optional(),
});

const revisionMetaSchema = z.object({
  version: z.number().int().min(1),
  editedBy: email.nullable().default(null),
  createdAt: timestamp.optional(),
});

export type ImportedRevision = z.infer<typeof revisionMetaSchema> & DecisionContent;
export type ImportedDecision = Omit<z.infer<typeof decisionMetaSchema>, "revisions"> & DecisionContent & { revisions: ImportedRevision[] | null; line: number };

export type LineParse = { ok: true; decisions: ImportedDecision[]; skipped: number } | { ok: false; errors: string[] };

function contentOf(value: Record<string, unknown>) {
  return decisionContentSchema.safeParse({
    classes: value.classes,
    ambiguity: value.ambiguity ?? null,
    candidateClasses: value.candidateClasses ?? [],
    outsideLabels: value.outsideLabels ?? [],
    notes: value.notes ?? "",
  });
}

function issues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => `${prefix}${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
}

/**
 * One line of a decisions file: a decision object, or a record of the JSONL export (whose
 * `decisions` are each such an object; decisions imported from a label source carry no annotator
 * and are left to that source's own import).
 */
export function parseDecisionLine(text: string, line: number): LineParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, errors: ["not valid JSON"] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, errors: ["expected one JSON object"] };
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.decisions)) {
    const decisions: ImportedDecision[] = [];
    const errors: string[] = [];
    let skipped = 0;
    record.decisions.forEach((item, index) => {
      if (typeof item === "object" && item !== null && (item as Record<string, unknown>).annotator == null && (item as Record<string, unknown>).source != null) {
        skipped++;
        return;
      }
      const parsed = parseDecision(item, line, `decisions.${index}.`);
      if (parsed.ok) decisions.push(parsed.decision);
      else errors.push(...parsed.errors);
    });
    return errors.length ? { ok: false, errors } : { ok: true, decisions, skipped };
  }
  const parsed = parseDecision(record, line, "");
  return parsed.ok ? { ok: true, decisions: [parsed.decision], skipped: 0 } : parsed;
}

function parseDecision(value: unknown, line: number, prefix: string): { ok: true; decision: ImportedDecision } | { ok: false; errors: string[] } {
  if (typeof value !== "object" || value === null) return { ok: false, errors: [`${prefix}expected a decision object`] };
  const record = value as Record<string, unknown>;
  const meta = decisionMetaSchema.safeParse(record);
  const content = contentOf(record);
  const errors = [...(meta.success ? [] : issues(meta.error, prefix)), ...(content.success ? [] : issues(content.error, prefix))];
  let revisions: ImportedRevision[] | null = null;
  if (meta.success && meta.data.revisions) {
    revisions = [];
    meta.data.revisions.forEach((item, index) => {
      const at = `${prefix}revisions.${index}.`;
      const revisionMeta = revisionMetaSchema.safeParse(item);
      const revisionContent = typeof item === "object" && item !== null ? contentOf(item as Record<string, unknown>) : null;
      if (!revisionMeta.success) errors.push(...issues(revisionMeta.error, at));
      if (!revisionContent) errors.push(`${at}expected a revision object`);
      else if (!revisionContent.success) errors.push(...issues(revisionContent.error, at));
      else if (revisionMeta.success) revisions!.push({ ...revisionMeta.data, ...revisionContent.data });
    });
    const versions = revisions.map((revision) => revision.version);
    if (versions.some((version, index) => version !== index + 1)) errors.push(`${prefix}revisions: versions must run 1, 2, 3… in order`);
  }
  if (errors.length || !meta.success || !content.success) return { ok: false, errors };
  const { revisions: _raw, ...fields } = meta.data;
  return { ok: true, decision: { ...fields, ...content.data, revisions, line } };
}
