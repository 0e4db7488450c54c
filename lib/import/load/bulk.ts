import type pg from "pg";
import { copyLines } from "@/lib/import/load/copy";

/** A column the COPY fills that references another table's id. */
export interface Reference {
  column: string;
  table: "images" | "label_sources" | "datasets";
}

/**
 * Measured on the published bundle (scripts/bench/import-bench.ts): COPY into a table with two
 * foreign keys spends two thirds of its time in the per-row RI triggers (a `SELECT … FOR KEY
 * SHARE` each, which also writes a row lock into every referenced image). Resolving ids in SQL
 * does not help: INSERT … SELECT fires the same triggers. Where the role may set
 * session_replication_role (a superuser, or PostgreSQL 15's GRANT SET ON PARAMETER), the COPY
 * runs without triggers and one anti-join checks the references afterwards — the check
 * ADD FOREIGN KEY itself runs. Without that right the import keeps the triggers: slower, same result.
 *
 * SHARE ROW EXCLUSIVE on images stands in for the row locks the triggers would take: no other
 * transaction can delete (or add) an image until this import commits, while reads and the row
 * locks of annotators' decisions go on. It is self-exclusive, so two imports queue instead of
 * deadlocking; it is taken before the transaction's first write to images.
 */
export async function lockForBulkLoad(client: pg.Client): Promise<boolean> {
  // Asked per call, not cached per client: a lock and SET LOCAL last only as long as the transaction.
  const { rows } = await client.query<{ allowed: boolean }>(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS allowed`);
  const skip = rows[0]!.allowed;
  // A crash may lose the last committed import, never corrupt one: the import can be run again.
  await client.query("SET LOCAL synchronous_commit = off");
  if (skip) await client.query("LOCK TABLE images IN SHARE ROW EXCLUSIVE MODE");
  return skip;
}

/**
 * COPY of rows (encoded lines, see copyLines) whose references the caller resolved in this transaction, checked as a whole
 * afterwards instead of row by row. `scope` selects the rows just written (e.g. `source_id = $1`); `bulk` is what
 * lockForBulkLoad answered earlier in this transaction. Only the COPY runs without triggers: deletes before it keep their cascades.
 */
export function copyReferencing(
  client: pg.Client,
  bulk: boolean,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
  references: readonly Reference[],
  scope: { where: string; params: unknown[] },
): Promise<void> {
  return writeReferencing(client, bulk, table, () => copyLines(client, table, columns, lines), references, scope);
}

/** `write` (a COPY, or an INSERT … SELECT of rows resolved in SQL) without per-row triggers, its references checked as copyReferencing does. */
export async function writeReferencing(
  client: pg.Client,
  bulk: boolean,
  table: string,
  write: () => Promise<void>,
  references: readonly Reference[],
  scope: { where: string; params: unknown[] },
): Promise<void> {
  if (!bulk) {
    await write();
    return;
  }
  await client.query("SET LOCAL session_replication_role = replica");
  // Restored only after a write that succeeded: one that failed (a streamed file's bad line) has
  // aborted the transaction, which ends the setting with it, and a query here would hide the error.
  await write();
  await client.query("SET LOCAL session_replication_role = origin");
  for (const reference of references) {
    const { rows: dangling } = await client.query<{ value: number }>(
      `SELECT t.${reference.column} AS value FROM ${table} t
       WHERE ${scope.where} AND t.${reference.column} IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${reference.table} r WHERE r.id = t.${reference.column})
       LIMIT 1`,
      scope.params,
    );
    // The ids come from this transaction's own reads, so this is a bug, never a user's mistake.
    if (dangling.length > 0) throw new Error(`${table}.${reference.column} ${dangling[0]!.value} names no row of ${reference.table}.`);
  }
}
