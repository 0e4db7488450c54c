import { z } from "zod";

/**
 * C0 controls except tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL in text
 * and jsonb, so one slipping through made a decision impossible to save (autosave retried forever);
 * the others are invisible and only ever arrive by accident (pasted from a PDF or a terminal).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;
/** With the u flag a paired surrogate is one code point, so this finds only lone halves (invalid UTF-16). */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export interface CleanTextOptions {
  /** How messages name the field, e.g. "the notes". */
  field: string;
  max: number;
  maxMessage?: string;
  min?: number;
  minMessage?: string;
  /** Leading and trailing white space is dropped unless false. */
  trim?: boolean;
}

function describeProblem(text: string, field: string): string | null {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `There is an invisible control character (U+${code}) in ${field} at position ${control.index + 1}; delete it or retype the text.`;
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `There is a broken character (half of an emoji?) in ${field} at position ${surrogate.index + 1}; delete it or retype the text.`;
  return null;
}

/**
 * The one schema for free text typed or pasted by a user: no control characters, no lone
 * surrogates, NFC-normalized so that the same words are stored (and compared) one way.
 */
export function cleanText({ field, max, maxMessage, min = 0, minMessage, trim = true }: CleanTextOptions) {
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min, minMessage ?? `Fill in ${field}.`)
    .max(max, maxMessage ?? `At most ${max} characters in ${field}.`)
    .superRefine((text, ctx) => {
      const problem = describeProblem(text, field);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .overwrite((text) => text.normalize("NFC"));
}

/**
 * The key under which labels outside ImageNet are stored and compared: compatibility forms
 * folded (full-width letters, ligatures, no-break spaces), lower case, single spaces. So
 * "Domestic  Ferret" and "ｄｏｍｅｓｔｉｃ ferret" are one vocabulary entry, not two.
 */
export function vocabularyKey(label: string): string {
  return label.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}
