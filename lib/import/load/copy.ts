import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { PoolClient, Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyHandoffListener } from "@/lib/import/load/handoff";

export type CopyValue = string | number | boolean | null | readonly number[] | readonly string[] | object;

/**
 * Streams rows into `table` with COPY FROM STDIN (text format): one round trip for any number
 * of rows, an order of magnitude faster than INSERT batches. Runs inside the caller's transaction.
 */
export async function copyRows(
  client: PoolClient | Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  await copyLines(client, table, columns, mapRows(rows, (row) => encodeRow(row, columns.length)));
}

/**
 * COPY of rows already encoded, one line each without its newline (encodeRow, or a loader's own
 * encoder that writes a fixed set of columns without an array per row).
 */
export async function copyLines(client: PoolClient | Client, table: string, columns: readonly string[], lines: Iterable<string>): Promise<void> {
  const sql = `COPY ${table} (${columns.map((column) => `"${column}"`).join(", ")}) FROM STDIN`;
  const counted = { lines: 0 };
  await pipeline(Readable.from(batches(lines, counted, copyHandoffListener())), client.query(copyFrom(sql)));
  await analyzeAfterBulkWrite(client, table, counted.lines);
}

/** Fewer rows than this leave the statistics to autovacuum. */
export const ANALYZE_FROM_ROWS = 1000;

/**
 * Gives the planner statistics for a table that just took many rows, in the writer's transaction
 * (they commit, or roll back, with the rows). Autovacuum would get there within a minute or so,
 * but the first submits after an import came sooner: with the freshly loaded predictions never
 * analysed, a submit's consensus statement hash-joined all of them instead of looking up its one
 * image (60–100 ms instead of 1 on the demo data). Only when the table has no statistics yet or
 * this write at least doubles what they counted: the planner scales known statistics to the
 * table's current size itself, and the bundle's seven prediction files would otherwise analyse
 * the table seven times.
 */
export async function analyzeAfterBulkWrite(client: PoolClient | Client, table: string, rows: number): Promise<void> {
  if (rows < ANALYZE_FROM_ROWS) return;
  const { rows: known } = await client.query<{ rows: number }>("SELECT reltuples AS rows FROM pg_class WHERE oid = $1::regclass", [table]);
  // The rows the last analysis counted (-1: never analysed).
  const analysed = known[0]?.rows ?? -1;
  if (analysed < 0 || rows >= analysed) await client.query(`ANALYZE ${table}`);
}

/** Rows made one at a time as COPY asks for them: a streamed file stays a stream. */
export function* mapRows<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

export function encodeRow(row: readonly CopyValue[], width = row.length): string {
  if (row.length !== width) throw new Error(`COPY row has ${row.length} values, expected ${width}.`);
  return row.map(encodeValue).join("\t");
}

function* batches(lines: Iterable<string>, counted: { lines: number }, handedOff: (() => void) | undefined): Generator<string> {
  let batch = "";
  for (const line of lines) {
    counted.lines++;
    batch += line + "\n";
    // Yielding ~64 KiB at a time keeps the stream busy without building one giant string.
    if (batch.length > 65_536) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
  handedOff?.();
}

export function encodeValue(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot store ${value} in the database.`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "string") return escapeText(value);
  if (Array.isArray(value)) return value.every((item) => typeof item === "number") ? encodeNumbers(value) : escapeText(encodeArray(value));
  return escapeText(JSON.stringify(value));
}

/** The common case (class lists, scores): nothing in a number needs quoting or escaping (as encodeArray writes them). */
export const encodeNumbers = (values: readonly number[]) => `{${values.join(",")}}`;

/** PostgreSQL array literal: every element double-quoted so commas, braces and spaces survive. */
function encodeArray(values: readonly (number | string)[]): string {
  const items = values.map((item) =>
    typeof item === "number" ? String(item) : `"${item.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
  );
  return `{${items.join(",")}}`;
}

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(text: string): string {
  // Testing first is much cheaper than replace() on the file keys and names that need nothing.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}
