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
