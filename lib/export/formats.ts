import { type CsvCell, csvLine } from "@/lib/csv/csv";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";
import type { CleanRule, ExportFormatName } from "@/lib/validation/export";

/** One image's consensus as the summary formats (ReaL JSON, CSV, clean list) read it. */
export interface ConsensusRow {
  /** Validation file number (1-based), null for files without one. */
  n: number | null;
  file: string;
  /** UNLABELED when the image has no consensus row yet. */
  status: ConsensusStatus;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidateClasses: number[];
  outsideLabels: string[];
  excludeReason: string | null;
  method: string | null;
  decisionCount: number;
  agreement: number | null;
  /** ISO 8601, UTC. */
  updatedAt: string | null;
  /** Member of a duplicate group. */
  duplicate: boolean;
}

/** Turns rows (in file order) into the bytes of one format; `end` closes what `start` opened. */
export interface ExportEncoder<Row> {
  start(): string;
  row(row: Row): string;
  end(): string;
  /** Rows the format cannot represent (ReaL JSON: files without a validation number). */
  skipped(): number;
}

const SETTLED: ReadonlySet<ConsensusStatus> = new Set(["AGREED", "RESOLVED"]);

/** The consensus classes that count as a valid label; empty for anything not settled. */
export function validLabels(row: ConsensusRow): number[] {
  return SETTLED.has(row.status) ? [...row.classes].sort((a, b) => a - b) : [];
}

/**
 * ReaL's layout: a JSON list whose position i holds the labels of file number i + 1, empty when
 * no valid label. Every position up to `positions` is written, so a campaign covering part of the
 * dataset still lines up with the ReaL evaluation code; files without a number cannot be placed and
 * are counted as skipped. Rows must come in ascending file number.
 */
export function realJsonEncoder(positions: number): ExportEncoder<ConsensusRow> {
  let next = 1;
  let skipped = 0;
  const fill = (until: number) => {
    let out = "";
    for (; next < until; next++) out += next === 1 ? "[]" : ",\n[]";
    return out;
  };
  return {
    start: () => "[\n",
    row(row) {
      if (row.n === null || row.n < next || row.n > positions) {
        skipped++;
        return "";
      }
      const gap = fill(row.n);
      const item = `${next === 1 ? "" : ",\n"}[${validLabels(row).join(", ")}]`;
      next++;
      return gap + item;
    },
    end: () => `${fill(positions + 1)}\n]\n`,
    skipped: () => skipped,
  };
}

export const CSV_COLUMNS = ["file", "labels", "status", "ambiguous", "not_in_imagenet", "n_decisions", "agreement", "method", "updated_at"] as const;

/** Labels are space-separated class indices; outside-ImageNet labels are joined with "; ". */
export function csvCells(row: ConsensusRow): CsvCell[] {
  return [
    row.file,
    validLabels(row).join(" "),
    row.status.toLowerCase(),
    row.ambiguity !== null,
    row.outsideLabels.join("; "),
    row.decisionCount,
    row.agreement,
    row.method,
    row.updatedAt,
  ];
}

export function csvEncoder(): ExportEncoder<ConsensusRow> {
  return { start: () => csvLine(CSV_COLUMNS), row: (row) => csvLine(csvCells(row)), end: () => "", skipped: () => 0 };
}

/** Whether an image belongs to the clean subset under the admin's rule; it always needs at least one valid label. */
export function isClean(row: ConsensusRow, rule: CleanRule): boolean {
  if (!(rule.statuses as string[]).includes(row.status)) return false;
  const labels = validLabels(row);
  if (labels.length === 0) return false;
  if (row.decisionCount < rule.minDecisions) return false;
  if (rule.excludeAmbiguous && row.ambiguity !== null) return false;
  if (rule.excludeMultilabel && labels.length > 1) return false;
  if (rule.excludeDuplicates && row.duplicate) return false;
  return true;
}

/** One file name a line. */
export function cleanListEncoder(rule: CleanRule): ExportEncoder<ConsensusRow> {
  return { start: () => "", row: (row) => (isClean(row, rule) ? `${row.file}\n` : ""), end: () => "", skipped: () => 0 };
}

/** JSONL rows are already whole records (built by the database); one a line. */
export function jsonlEncoder(): ExportEncoder<string> {
  return { start: () => "", row: (json) => `${json}\n`, end: () => "", skipped: () => 0 };
}

export function summaryEncoder(format: Exclude<ExportFormatName, "jsonl">, options: { positions: number; clean: CleanRule }): ExportEncoder<ConsensusRow> {
  switch (format) {
    case "real-json":
      return realJsonEncoder(options.positions);
    case "csv":
      return csvEncoder();
    case "clean-list":
      return cleanListEncoder(options.clean);
  }
}
