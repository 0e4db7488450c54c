/**
 * CSV for chart downloads. A cell starting with = + - @, a tab or a carriage return gets a
 * leading apostrophe so a spreadsheet shows it as text instead of running it as a formula
 * (CSV injection); cells with a comma, quote or line break are quoted.
 */
export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
