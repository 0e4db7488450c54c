import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { countRows, listBackedUpTables, readSequences, type SequenceState } from "@/lib/backup/tables";

/**
 * A Relabel backup: one gzip file, a JSON header line, then per table a JSON line naming it and
 * its columns followed by the table's rows in COPY text format and a `\.` line. Written by our
 * own code over COPY rather than by pg_dump: the embedded PostgreSQL ships no pg_dump, and a
 * system pg_dump older than the server refuses to run, while COPY works against any server.
 */
export const BACKUP_FORMAT = "relabel-backup";
export const BACKUP_VERSION = 1;
export const END_OF_TABLE = "\\.";

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The migrations the source had applied: a restore needs code that knows each of them. */
  migrations: string[];
  sequences: SequenceState[];
}

export interface TableHeader {
  table: string;
  columns: string[];
  rows: number;
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
}

/**
 * Writes the whole database as one consistent snapshot (a repeatable-read transaction), into
 * `file` through a partial file renamed at the end, so an interrupted backup never looks whole.
 */
export async function writeBackup(url: string, file: string): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: url, application_name: "relabel backup" });
  client.on("error", () => {}); // a lost server fails the awaiting query; unheard, the event would crash the process instead
  await client.connect();
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial));
  const put = async (chunk: string | Buffer) => {
    if (!gzip.write(chunk)) await once(gzip, "drain");
  };
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await listBackedUpTables(client);
    const counts = await countRows(client, tables);
    const { rows: applied } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations: applied.map((row) => row.migration_name),
      sequences: await readSequences(client),
    };
    await put(`${JSON.stringify(header)}\n`);
    let rows = 0;
    for (const table of tables) {
      const tableHeader: TableHeader = { table: table.name, columns: table.columns, rows: counts[table.name] ?? 0 };
      await put(`${JSON.stringify(tableHeader)}\n`);
      const order = table.orderBy.length ? ` ORDER BY ${table.orderBy.join(", ")}` : "";
      const copy = client.query(copyTo(`COPY (SELECT ${table.columns.join(", ")} FROM ${table.sql}${order}) TO STDOUT`));
      for await (const chunk of copy) await put(chunk as Buffer);
      await put(`${END_OF_TABLE}\n`);
      rows += tableHeader.rows;
    }
    await client.query("COMMIT");
    gzip.end();
    await written;
    await rename(partial, file);
    return { file, tables: tables.length, rows };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}
