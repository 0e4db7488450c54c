import { CsvError, parse } from "csv-parse/sync";
import { excerpt, ImportError } from "../import-error";
import { rejectNul } from "./json-input";

export interface CsvRow {
  /** 1-based line number in the file where the record starts (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvTable {
  rows: CsvRow[];
  /** Column position by header name. */
  column: ReadonlyMap<string, number>;
}

/**
 * Reads a headed CSV and checks that every required column is there. Extra columns are
 * allowed (the "Flaws" CSVs add `cl_label`, `mturk` to the common five); duplicates are not.
 */
export function readCsv(text: string | Buffer, file: string, required: readonly string[], linesBefore = 0): CsvTable {
  // Blank lines at the end are harmless; blank lines inside fail the column count, which
  // keeps the line arithmetic below exact (info: true would double the parse time).
  const body = (typeof text === "string" ? text : text.toString("utf8")).trimEnd();
  rejectNul(body, file);
  let records: string[][] | null = splitRecords(body);
  try {
    records ??= parse(body, { bom: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      // The header counts once: a later block (readCsvBlocks) repeats it on its first line.
      throw new ImportError(file, line ? `line ${line > 1 ? line + linesBefore : line}` : null, csvProblem(error));
    }
    throw error;
  }
  const headerRecord = records[0];
  if (!headerRecord || (headerRecord.length === 1 && headerRecord[0]!.trim() === "")) {
    throw new ImportError(file, "header", `The file is empty; expected a header with ${required.join(", ")}.`);
  }
  const header = headerRecord.map((name) => name.trim());
  const column = new Map<string, number>();
  header.forEach((name, i) => {
    if (column.has(name)) throw new ImportError(file, "header", `Column ${excerpt(name)} appears twice in the header.`);
    column.set(name, i);
  });
  const missing = required.filter((name) => !column.has(name));
  if (missing.length > 0) {
    throw new ImportError(
      file,
      "header",
      `The header must contain ${required.join(", ")}; missing ${missing.join(", ")} (found ${describeHeader(header)}).`,
    );
  }
  const rows: CsvRow[] = [];
  let line = 1 + newlinesIn(headerRecord) + linesBefore;
  for (let i = 1; i < records.length; i++) {
    const values = records[i]!;
    line++;
    rows.push({ line, values });
    line += newlinesIn(values);
  }
  return { rows, column };
}

/**
 * readCsv over a file's lines as they are read: blocks of about 1 MiB, each parsed with the header
 * in front, so a CSV of a million rows is never one string or one array. A block ends only after
 * a line that ends in a value with an even count of quotes so far (outside any quoted value), so
 * records, line numbers and every check are those readCsv gives the whole text.
 */
export function* readCsvBlocks(lines: Iterable<string>, file: string, required: readonly string[]): Generator<CsvTable> {
  const iterator = lines[Symbol.iterator]();
  let header = "";
  let headerLines = 0;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    header += (headerLines++ > 0 ? "\n" : "") + next.value;
    if (quotesIn(header) % 2 === 0) break;
  }
  let block: string[] = [];
  let size = 0;
  let quotes = 0;
  let linesBefore = 0;
  const parsed = () => readCsv(`${header}\n${block.join("\n")}`, file, required, linesBefore);
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    block.push(next.value);
    size += next.value.length + 1;
    quotes += quotesIn(next.value);
    // readCsv trims the end of its text: a block ends where that changes nothing but a line ending.
    if (size >= BLOCK_SIZE && quotes % 2 === 0 && /\S\r?$/.test(next.value)) {
      yield parsed();
      linesBefore += block.length;
      block = [];
      size = 0;
    }
  }
  // The last block (or the header alone, which readCsv checks: an empty file names its columns).
  if (block.length > 0 || linesBefore === 0) yield parsed();
}

const BLOCK_SIZE = 1 << 20;

/**
 * The records csv-parse gives a text without carriage returns, a byte-order mark or empty lines,
 * where every line has the header's number of fields and quotes only enclose whole values (with
 * "" for a quote inside): split in one pass. Measured on ImageNet-sized `file,class` CSVs,
 * csv-parse took ~20 µs a row, most of an original-labels import; the "Flaws of ImageNet" CSVs
 * quote their label lists, and csv-parse was a tenth of the published bundle's JavaScript.
 * Anything else (null) goes to csv-parse, which also words every error.
 */
function splitRecords(body: string): string[][] | null {
  if (body === "" || body.includes("\r") || body.charCodeAt(0) === 0xfeff) return null;
  const records: string[][] = [];
  const end = body.length;
  let width = -1;
  let at = 0;
  let values: string[] = [];
  for (;;) {
    let value: string;
    if (body.charCodeAt(at) === QUOTE) {
      value = "";
      let from = at + 1;
      for (;;) {
        const close = body.indexOf('"', from);
        if (close === -1) return null;
        value += body.slice(from, close);
        if (body.charCodeAt(close + 1) !== QUOTE) {
          at = close + 1;
          break;
        }
        value += '"';
        from = close + 2;
      }
    } else {
      let stop = at;
      for (let code = body.charCodeAt(stop); stop < end && code !== COMMA && code !== NEWLINE; code = body.charCodeAt(++stop)) {
        if (code === QUOTE) return null;
      }
      value = body.slice(at, stop);
      at = stop;
    }
    values.push(value);
    const next = at < end ? body.charCodeAt(at) : NEWLINE;
    if (next === COMMA) {
      at++;
      continue;
    }
    // Only a line's end may follow a value: anything after a closing quote is csv-parse's to refuse.
    if (next !== NEWLINE) return null;
    if (width === -1) width = values.length;
    else if (values.length !== width) return null;
    records.push(values);
    values = [];
    if (++at > end) return records;
    // An empty line is a record csv-parse counts (and refuses): left to it.
    if (at === end || body.charCodeAt(at) === NEWLINE) return null;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

function quotesIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++;
  return count;
}

/** The first few column names, each cut short: the "header" may be the first line of any file. */
function describeHeader(header: string[]): string {
  const shown = header.slice(0, 8).map((name) => excerpt(name)).join(", ");
  return header.length > 8 ? `${shown} and ${header.length - 8} more` : shown;
}

function csvProblem(error: CsvError): string {
  const counts = /expect (\d+), got (\d+)/.exec(error.message);
  if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH" && counts) {
    return `The CSV cannot be read: this row has ${counts[2]} columns but the header has ${counts[1]}.`;
  }
  if (error.code === "CSV_QUOTE_NOT_CLOSED") return "The CSV cannot be read: a quoted value is never closed; the file may be truncated.";
  return `The CSV cannot be read: ${error.message.replace(/[.\s]*$/, "")}.`;
}

/** Newlines inside quoted values, which make a record span several lines. */
function newlinesIn(values: string[]): number {
  let count = 0;
  for (const value of values) {
    if (value.includes("\n")) count += value.split("\n").length - 1;
  }
  return count;
}

/** The cell of a required column (readCsv has checked the column exists). */
export function cell(table: CsvTable, row: CsvRow, name: string): string {
  const index = table.column.get(name);
  if (index === undefined) throw new Error(`Column ${name} was not declared as required`);
  return row.values[index] ?? "";
}

export function rowWhere(row: CsvRow, columnName?: string): string {
  return columnName ? `line ${row.line}, column ${columnName}` : `line ${row.line}`;
}
