import type { Db } from "@/lib/db";

/**
 * Rows in every table of every schema (the app's and the job queue's): a refused call must leave
 * all of them as they were. Table names come from the catalog and are quoted by PostgreSQL itself.
 */
export async function countAllRows(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`;
  const counts = await db.$queryRawUnsafe<{ name: string; n: number }[]>(
    tables.map((table) => `SELECT '${table.name.replace(/'/g, "''")}' AS name, count(*)::int AS n FROM ${table.name}`).join(" UNION ALL "),
  );
  return Object.fromEntries(counts.map((row) => [row.name, row.n]));
}
