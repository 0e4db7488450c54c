import { ExpectedError } from "@/lib/errors";

/**
 * A problem with an input file, located precisely enough for the admin to fix it.
 * Every parser throws this (never a bare Error) for bad input, so the CLI and the UI
 * can show "file, where, what" without leaking stack traces.
 */
export class ImportError extends ExpectedError {
  readonly file: string;
  /** e.g. "line 12", "row 7, column proposed_labels", "position 4031", "header". */
  readonly where: string | null;
  readonly problem: string;

  constructor(file: string, where: string | null, problem: string) {
    super(`${file}${where ? ` (${where})` : ""}: ${problem}`);
    this.name = "ImportError";
    this.file = file;
    this.where = where;
    this.problem = problem;
  }
}

/**
 * A short, escaped rendering of text read from an input file, for an error message. A file that
 * is not what the admin said it is (a key, a password file) must not be echoed back whole.
 */
export function excerpt(text: string, max = 24): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  // JSON escaping makes control characters, quotes and line breaks visible and harmless.
  return JSON.stringify(shown).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
