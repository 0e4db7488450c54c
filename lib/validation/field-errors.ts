import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

/**
 * Field errors keyed by the field's path in the input ("content.notes", "selection.rule.classes"),
 * array positions dropped (an error on outsideLabels[1] belongs beside the outsideLabels field),
 * "_" for errors about the input as a whole. Used by every action and by client-side checks.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.filter((segment) => typeof segment === "string");
    const key = path.length > 0 ? path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** The errors of a form that edits one part of an action's input (`content` of a submit), keyed as that form names its fields. */
export function fieldsWithin(fieldErrors: FieldErrors | undefined, prefix: string): FieldErrors {
  const within: FieldErrors = {};
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    const field = key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : "_";
    (within[field] ??= []).push(...messages);
  }
  return within;
}
