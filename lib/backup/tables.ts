import type pg from "pg";

/**
 * What a backup holds: every table of Relabel's schema (`public`) and of the job queue's
 * (`graphile_worker`, so queued jobs survive a restore), each schema's own migration records
 * excepted (the restoring code migrates the target itself). Listed parents first, so rows can be
 * loaded with every foreign key checked as they arrive.
 */
export const BACKED_UP_SCHEMAS = ["public", "graphile_worker"] as const;
const MIGRATION_TABLES = ["public._prisma_migrations", "graphile_worker.migrations"];

export interface BackedUpTable {
  /** Quoted, schema-qualified: safe to put into SQL. */
  sql: string;
  name: string;
  /** Stored (not generated) columns, quoted, in table order. */
  columns: string[];
  /** Primary-key columns, quoted: the order rows are written in, so self-references load parents first. */
  orderBy: string[];
}

type Queryable = Pick<pg.ClientBase, "query">;

export async function listBackedUpTables(client: Queryable): Promise<BackedUpTable[]> {
  const { rows: tables } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, n.nspname || '.' || c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND NOT (n.nspname || '.' || c.relname) = ANY($2)
     ORDER BY name`,
    [BACKED_UP_SCHEMAS, MIGRATION_TABLES],
  );
  const { rows: columns } = await client.query<{ oid: number; column: string; key: boolean }>(
    `SELECT a.attrelid::int AS oid, quote_ident(a.attname) AS column,
            coalesce(a.attnum = ANY(i.indkey), false) AS key
     FROM pg_attribute a LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
     WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attrelid, a.attnum`,
    [tables.map((table) => table.oid)],
  );
  const { rows: references } = await client.query<{ child: number; parent: number }>(
    `SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint
     WHERE contype = 'f' AND conrelid = ANY($1) AND conrelid <> confrelid`,
    [tables.map((table) => table.oid)],
  );
  const described = new Map(
    tables.map((table) => {
      const own = columns.filter((column) => column.oid === table.oid);
      const [schema, relation] = table.name.split(".") as [string, string];
      const entry: BackedUpTable = {
        sql: `"${schema}"."${relation.replaceAll('"', '""')}"`,
        name: table.name,
        columns: own.map((column) => column.column),
        orderBy: own.filter((column) => column.key).map((column) => column.column),
      };
      return [table.oid, entry] as const;
    }),
  );
  return parentsFirst(described, references);
}

function parentsFirst(tables: Map<number, BackedUpTable>, references: { child: number; parent: number }[]): BackedUpTable[] {
  const ordered: BackedUpTable[] = [];
  const state = new Map<number, "visiting" | "done">();
  const visit = (oid: number) => {
    if (state.get(oid) === "done") return;
    if (state.get(oid) === "visiting") throw new Error(`foreign keys form a cycle through ${tables.get(oid)?.name}`);
    state.set(oid, "visiting");
    for (const reference of references) if (reference.child === oid && tables.has(reference.parent)) visit(reference.parent);
    state.set(oid, "done");
    ordered.push(tables.get(oid)!);
  };
  for (const oid of tables.keys()) visit(oid);
  return ordered;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** Every sequence of the backed-up schemas with its position, so ids go on where they were. */
export async function readSequences(client: Queryable): Promise<SequenceState[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = ANY($1) ORDER BY name`,
    [BACKED_UP_SCHEMAS],
  );
  const states: SequenceState[] = [];
  for (const { name } of rows) {
    const { rows: [state] } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${name}`);
    states.push({ name, lastValue: state!.last_value, isCalled: state!.is_called });
  }
  return states;
}

/** Rows in each table (only the non-empty ones): what decides whether a restore may overwrite. */
export async function countRows(client: Queryable, tables: BackedUpTable[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table.sql}`);
    if (rows[0]!.n > 0) counts[table.name] = rows[0]!.n;
  }
  return counts;
}
