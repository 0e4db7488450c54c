import { excerpt, ImportError } from "../import-error";
import type { VerdictRecord } from "../records";
import { cell, readCsv, rowWhere, type CsvRow, type CsvTable } from "./csv-input";
import { byFileNumber, SeenImages, sortedUnique, toClassIndex, toFileNumber } from "./identifiers";
import { toMturkVotes } from "./northcutt";
import { LiteralSyntaxError, parsePythonLiteral } from "./python-literal";

/**
 * "Flaws of ImageNet" normalized CSVs. In every file `id` is the file name
 * (`ILSVRC2012_val_00009670.JPEG`); label lists are `", "`-joined class indices, quoted when
 * more than one, in no particular order (they are sets), empty for none.
 */
export const FLAWS_COLUMNS = ["id", "category", "original_label", "proposed_labels", "manually_validated"] as const;

export interface FlawsRow {
  fileNumber: number;
  category: string;
  originalLabel: number;
  proposed: number[];
  proposedText: string;
  manuallyValidated: boolean;
  where: string;
}

export function parseLabelList(value: string, file: string, where: string): number[] {
  const text = value.trim();
  if (text === "") return [];
  return sortedUnique(
    text.split(",").map((part) => {
      const item = part.trim();
      if (!/^\d+$/.test(item)) throw new ImportError(file, where, `${excerpt(value)} is not a comma-separated list of class indices.`);
      return toClassIndex(item, file, where);
    }),
  );
}

export function parseBoolean(value: string, file: string, where: string): boolean {
  const text = value.trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  throw new ImportError(file, where, `Expected True or False, found ${excerpt(value)}.`);
}

/** Reads the five common columns and checks the category agrees with the labels. */
export function readFlawsRow(table: CsvTable, row: CsvRow, file: string): FlawsRow {
  const fileNumber = toFileNumber(cell(table, row, "id"), file, rowWhere(row, "id"));
  const category = cell(table, row, "category").trim();
  const originalLabel = toClassIndex(cell(table, row, "original_label"), file, rowWhere(row, "original_label"));
  const proposedText = cell(table, row, "proposed_labels");
  const proposed = parseLabelList(proposedText, file, rowWhere(row, "proposed_labels"));
  const manuallyValidated = parseBoolean(cell(table, row, "manually_validated"), file, rowWhere(row, "manually_validated"));
  checkCategory(category, proposed, originalLabel, file, row);
  return { fileNumber, category, originalLabel, proposed, proposedText, manuallyValidated, where: rowWhere(row) };
}

function checkCategory(category: string, proposed: number[], original: number, file: string, row: CsvRow): void {
  const agrees: Record<string, () => boolean> = {
    A: () => proposed.length === 1 && proposed[0] === original,
    B: () => proposed.length === 1 && proposed[0] !== original,
    M: () => proposed.length >= 2,
    Z: () => proposed.length === 0,
    X: () => proposed.length === 0,
  };
  const rule = agrees[category];
  if (!rule) throw new ImportError(file, rowWhere(row, "category"), `Category ${excerpt(category)} is not one of A, B, M, Z, X.`);
  if (!rule()) {
    const meaning: Record<string, string> = {
      A: "exactly the original label",
      B: "exactly one label other than the original",
      M: "two or more labels",
      Z: "no labels (none fits)",
      X: "no labels (no agreement)",
    };
    throw new ImportError(file, rowWhere(row, "proposed_labels"), `Category ${category} needs ${meaning[category]}, but proposed_labels is ${excerpt(proposed.join(", "), 60)}.`);
  }
}

export function statusOfCategory(category: string): VerdictRecord["status"] {
  return category === "Z" ? "NONE_FIT" : category === "X" ? "NO_CONSENSUS" : "LABELED";
}

/**
 * `real.csv`, `label_errors.csv` (5/5 rule), `label_errors_og_met.csv` (≥3/5 rule),
 * `finegrained.csv`. The label-error files add `cl_label` (cleanlab's guess) and `mturk`,
 * a Python dict repr with single quotes — read by the literal tokenizer, never as JSON.
 */
export function parseFlawsCsv(text: string, file: string): VerdictRecord[] {
  const table = readCsv(text, file, FLAWS_COLUMNS);
  const hasGuess = table.column.has("cl_label");
  const hasVotes = table.column.has("mturk");
  const seen = new SeenImages(file);
  const records = table.rows.map((row): VerdictRecord => {
    const r = readFlawsRow(table, row, file);
    seen.add(r.fileNumber, r.where);
    const details: Record<string, unknown> = { originalLabel: r.originalLabel, proposedLabelsText: r.proposedText };
    if (hasGuess) details.guessedLabel = toClassIndex(cell(table, row, "cl_label"), file, rowWhere(row, "cl_label"));
    const record: VerdictRecord = {
      fileNumber: r.fileNumber,
      status: statusOfCategory(r.category),
      classes: r.proposed,
      category: r.category,
      manuallyValidated: r.manuallyValidated,
      details,
    };
    if (hasVotes) record.votes = { ...readPythonVotes(cell(table, row, "mturk"), file, rowWhere(row, "mturk")) };
    return record;
  });
  return byFileNumber(records);
}

function readPythonVotes(text: string, file: string, where: string) {
  let value: unknown;
  try {
    value = parsePythonLiteral(text);
  } catch (error) {
    if (error instanceof LiteralSyntaxError) {
      throw new ImportError(file, where, `The mturk cell is not a Python dict like {'given': 5, 'guessed': 0, 'neither': 0, 'both': 0}: ${error.message}.`);
    }
    throw error;
  }
  return toMturkVotes(value, file, where);
}

/**
 * `clean_validation.csv`: `id, original_label, proposed_labels, validation`, one `validation`
 * character per covering source (`+` manually validated, `*` not). The set only holds images
 * whose sources agreed on A/B/M, so every row is LABELED. manuallyValidated is true when at
 * least one covering source was checked by hand; the raw string stays in details.
 */
export function parseCleanValidationCsv(text: string, file: string): VerdictRecord[] {
  const table = readCsv(text, file, ["id", "original_label", "proposed_labels", "validation"]);
  const seen = new SeenImages(file);
  const records = table.rows.map((row): VerdictRecord => {
    const fileNumber = toFileNumber(cell(table, row, "id"), file, rowWhere(row, "id"));
    const originalLabel = toClassIndex(cell(table, row, "original_label"), file, rowWhere(row, "original_label"));
    const proposedText = cell(table, row, "proposed_labels");
    const classes = parseLabelList(proposedText, file, rowWhere(row, "proposed_labels"));
    if (classes.length === 0) throw new ImportError(file, rowWhere(row, "proposed_labels"), "A clean-validation image must have at least one label.");
    const validation = cell(table, row, "validation").trim();
    if (!/^[+*]+$/.test(validation)) {
      throw new ImportError(file, rowWhere(row, "validation"), `Expected one + or * per covering source, found ${excerpt(validation)}.`);
    }
    seen.add(fileNumber, rowWhere(row));
    return {
      fileNumber,
      status: "LABELED",
      classes,
      manuallyValidated: validation.includes("+"),
      details: { originalLabel, proposedLabelsText: proposedText, validation, sourceCount: validation.length },
    };
  });
  return byFileNumber(records);
}
