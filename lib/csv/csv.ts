/** What a CSV cell may hold; null and undefined are empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

// A spreadsheet runs a text cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell. Text a spreadsheet would evaluate gets a leading apostrophe; numbers stay
 * numbers (a negative κ must not become text), which is safe because they come from arithmetic,
 * never from user text; non-finite numbers are empty.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toFixed(6))) : "";
  if (typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line with its CRLF, for streamed files. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole table: header and rows. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [columns, ...rows].map(csvLine).join("");
}
