import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { copyLines } from "@/lib/export/copy-lines";
import { type ConsensusRow, type ExportEncoder, jsonlEncoder, summaryEncoder } from "@/lib/export/formats";
import { consensusRowsSql, consensusVersionSql, type ExportScope, provenanceRowsSql, realPositionsSql } from "@/lib/export/sql";
import type { CleanRule, ExportFormatName } from "@/lib/validation/export";

/** Marks the export's connections, so operators (and the tests) can see them in pg_stat_activity. */
export const EXPORT_APPLICATION_NAME = "relabel-export";

export interface ExportParams {
  format: ExportFormatName;
  scope: ExportScope;
  clean: CleanRule;
}

export interface ExportSummary {
  /** Records written: list positions (ReaL JSON), data lines (CSV, JSONL) or file names (clean list). */
  rows: number;
  /** Images in scope that were read. */
  images: number;
  bytes: number;
  /** Images the format could not represent (ReaL JSON: files without a validation number). */
  skipped: number;
  /** The consensus the file was made from. */
  consensusRows: number;
  consensusUpdatedAt: string | null;
}

export interface ExportRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { images: number }) => void;
}

const PROGRESS_EVERY = 5_000;

/**
 * Streams one export into `sink`: COPY (SELECT …) TO STDOUT → rows → format → sink, with
 * backpressure all the way, so memory stays flat whatever the size. Everything is read in one
 * REPEATABLE READ snapshot, so the recorded consensus version is the one the rows come from.
 * Aborting (or the sink failing, as when an HTTP client goes away) ends the connection, which
 * stops the query on the server. Shaped `(url, params, { signal, onProgress })` so a job queue can run it.
 */
export async function runExport(url: string, params: ExportParams, sink: Writable, options: ExportRunOptions = {}): Promise<ExportSummary> {
  const client = new pg.Client({ connectionString: url, application_name: EXPORT_APPLICATION_NAME });
  client.on("error", () => {}); // a lost server fails the awaiting query; unheard, the event would crash the process instead
  await client.connect();
  try {
    options.signal?.throwIfAborted();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const version = await client.query<{ rows: number; updated_at: string | null }>(consensusVersionSql(params.scope));
    const positions = params.format === "real-json" ? (await client.query<{ positions: number }>(realPositionsSql(params.scope))).rows[0]!.positions : 0;
    const sql = params.format === "jsonl" ? provenanceRowsSql(params.scope) : consensusRowsSql(params.scope);

    let images = 0;
    let written = 0;
    let bytes = 0;
    const encoder: ExportEncoder<string> =
      params.format === "jsonl" ? jsonlEncoder() : parsed(summaryEncoder(params.format, { positions, clean: params.clean }));
    const emit = (text: string) => {
      bytes += Buffer.byteLength(text);
      return text;
    };
    const encode = new Transform({
      writableObjectMode: true,
      transform(line: string, _encoding, callback) {
        images++;
        if (images % PROGRESS_EVERY === 0) options.onProgress?.({ images });
        const out = encoder.row(line);
        if (out) written++;
        callback(null, out ? emit(out) : undefined);
      },
      flush(callback) {
        callback(null, emit(encoder.end()) || undefined);
      },
    });
    const start = encoder.start();
    if (start) encode.push(emit(start));
    await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT`)), copyLines(), encode, sink, { signal: options.signal });
    await client.query("COMMIT");
    return {
      rows: params.format === "real-json" ? positions : written,
      images,
      bytes,
      skipped: encoder.skipped(),
      consensusRows: version.rows[0]!.rows,
      consensusUpdatedAt: version.rows[0]!.updated_at,
    };
  } finally {
    // After an abandoned COPY the connection is mid-protocol; closing it is also what makes the server stop the query.
    await client.end().catch(() => {});
  }
}

function parsed(encoder: ExportEncoder<ConsensusRow>): ExportEncoder<string> {
  return { ...encoder, row: (line) => encoder.row(JSON.parse(line) as ConsensusRow) };
}
