import { createReadStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, END_OF_TABLE, type TableHeader } from "@/lib/backup/backup";
import { type BackedUpTable, countRows, listBackedUpTables } from "@/lib/backup/tables";
import { readMigrations } from "@/lib/db/migrate";
import { ExpectedError } from "@/lib/errors";

export interface RestoreSummary {
  tables: number;
  rows: number;
  /** Rows the database held before (only when --force replaced them). */
  replaced: number;
}

const LINES_PER_WRITE = 2000;

/**
 * Loads a backup into a migrated database (run migrate and the queue's migrations first) in one
 * transaction: either every row of the backup is there afterwards, or the database is as it was.
 * A database holding any row is refused unless `force`, which replaces everything it holds.
 */
export async function restoreBackup(url: string, file: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next().catch((error: unknown) => {
      throw new ExpectedError(`${file} cannot be read to its end (${(error as Error).message}): the backup is damaged or incomplete. Nothing was restored.`);
    });
    return done ? null : (value as string);
  };
  const header = parseHeader(await next(), file);
  const known = new Set((await readMigrations()).map((migration) => migration.name));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length) throw new ExpectedError(`The backup was made by a newer Relabel (migration ${unknown[0]} is unknown here); restore it with that version.`);

  const client = new pg.Client({ connectionString: url, application_name: "relabel restore" });
  client.on("error", () => {}); // a lost server fails the awaiting query (and the transaction); unheard, the event would crash the process instead
  await client.connect();
  try {
    await client.query("BEGIN");
    const tables = await listBackedUpTables(client);
    // Locked before counting: a server writing meanwhile waits for the restore instead of slipping rows past the emptiness check.
    await client.query(`LOCK TABLE ${tables.map((table) => table.sql).join(", ")} IN ACCESS EXCLUSIVE MODE`);
    const counts = await countRows(client, tables);
    const replaced = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (replaced > 0 && !options.force) {
      const where = Object.entries(counts).slice(0, 3).map(([table, n]) => `${table}: ${n}`).join(", ");
      throw new ExpectedError(`The database is not empty (${replaced} rows; ${where}…). Restore into an empty database, or add --force to replace everything it holds.`);
    }
    // Like pg_restore --disable-triggers: the audit log's append-only triggers and any others must not fire on rows that already happened.
    for (const table of tables) await client.query(`ALTER TABLE ${table.sql} DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${tables.map((table) => table.sql).join(", ")} RESTART IDENTITY`);
    const byName = new Map(tables.map((table) => [table.name, table]));
    let restoredTables = 0;
    let rows = 0;
    for (let line = await next(); line !== null; line = await next()) {
      const section = parseTableHeader(line, byName);
      const loaded = await loadTable(client, section.target, section.header, next);
      if (loaded !== section.header.rows) throw new ExpectedError(`The backup is damaged: ${section.header.table} holds ${loaded} rows, its header says ${section.header.rows}.`);
      restoredTables++;
      rows += loaded;
    }
    for (const sequence of header.sequences) {
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [sequence.name, sequence.lastValue, sequence.isCalled]).catch((error: Error) => {
        throw new ExpectedError(`The backup's sequence ${sequence.name} does not exist here (${error.message}).`);
      });
    }
    for (const table of tables) await client.query(`ALTER TABLE ${table.sql} ENABLE TRIGGER USER`);
    await client.query("COMMIT");
    return { tables: restoredTables, rows, replaced };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

function parseHeader(line: string | null, file: string): BackupHeader {
  let header: Partial<BackupHeader> | null = null;
  try {
    header = line ? (JSON.parse(line) as Partial<BackupHeader>) : null;
  } catch {
    header = null;
  }
  if (header?.format !== BACKUP_FORMAT) throw new ExpectedError(`${file} is not a Relabel backup.`);
  if (header.version !== BACKUP_VERSION) throw new ExpectedError(`${file} is a version ${header.version} backup; this Relabel reads version ${BACKUP_VERSION}.`);
  return header as BackupHeader;
}

/** The section's table and columns, taken from the target's own catalog (the file's names are only looked up, never put into SQL). */
function parseTableHeader(line: string, byName: Map<string, BackedUpTable>): { header: TableHeader; target: { sql: string; columns: string[] } } {
  const header = JSON.parse(line) as TableHeader;
  const table = byName.get(header.table);
  if (!table) throw new ExpectedError(`The backup holds a table this database does not have: ${header.table}.`);
  const columns = header.columns.map((column) => {
    const found = table.columns.find((own) => own === column);
    if (!found) throw new ExpectedError(`The backup's ${header.table} has a column this database does not have: ${column}.`);
    return found;
  });
  return { header, target: { sql: table.sql, columns } };
}

async function loadTable(client: pg.Client, target: { sql: string; columns: string[] }, header: TableHeader, next: () => Promise<string | null>): Promise<number> {
  const copy = client.query(copyFrom(`COPY ${target.sql} (${target.columns.join(", ")}) FROM STDIN`));
  // once() rejects on "error" too: both are settled below or by the caller's failure, never left unhandled.
  const finished = once(copy, "finish");
  const failed = once(copy, "error").then(([error]) => Promise.reject(error as Error));
  finished.catch(() => {});
  failed.catch(() => {});
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const ok = copy.write(`${batch.join("\n")}\n`);
    batch = [];
    if (!ok) await Promise.race([once(copy, "drain"), failed]);
  };
  try {
    for (let line = await next(); line !== END_OF_TABLE; line = await next()) {
      if (line === null) throw new ExpectedError(`The backup ends in the middle of ${header.table}: it is incomplete. Nothing was restored.`);
      batch.push(line);
      if (batch.length >= LINES_PER_WRITE) await flush();
    }
    await flush();
  } catch (error) {
    // Ends the COPY with CopyFail; left open, the connection would wait for more rows and the ROLLBACK queued behind it would never run.
    copy.destroy(error as Error);
    throw error;
  }
  copy.end();
  await Promise.race([finished, failed]);
  return copy.rowCount;
}
