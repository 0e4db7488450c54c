import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseShape, type IndexShape, type TableShape, expectedDatabase } from "@/lib/testing/prisma-expected-shape";
import { readPrismaSchema } from "@/lib/testing/prisma-schema-reader";

/*
 * `prisma migrate diff` needs Prisma's native schema engine, which cannot be downloaded here, so this
 * test does its job: it derives from prisma/schema.prisma the tables, columns, enums, keys, indexes and
 * foreign keys Prisma would create, reads the migrated database's catalog, and lists every difference.
 * Not compared: column defaults (the client fills most of them itself) and CHECK constraints, which
 * Prisma cannot express and prisma/migrations adds by hand on purpose.
 */

const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
// Bookkeeping of lib/db/migrate.ts, not part of the data model.
const IGNORED_TABLES = new Set(["_prisma_migrations"]);
const RULES: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

/** Reads the `public` schema's shape from pg_catalog, spelled the way expectedDatabase() spells it. */
async function readDatabase(client: pg.Client): Promise<DatabaseShape> {
  const shape: DatabaseShape = { tables: {}, enums: {} };
  const table = (name: string): TableShape => shape.tables[name]!;
  // Views and foreign tables count too: anything table-like that the schema does not declare is drift.
  const relations = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
  );
  for (const { name } of relations.rows) {
    if (!IGNORED_TABLES.has(name)) shape.tables[name] = { columns: {}, primaryKey: null, indexes: [], foreignKeys: [] };
  }
  const known = (row: { table: string }) => row.table in shape.tables;

  const columns = await client.query<{ table: string; column: string; type: string; nullable: boolean }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  for (const row of columns.rows.filter(known)) table(row.table).columns[row.column] = { type: row.type, nullable: row.nullable };

  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = 'public' GROUP BY t.typname`,
  );
  for (const row of enums.rows) shape.enums[row.name] = row.values;

  // Key columns by attribute number; an expression (attnum 0) is shown as PostgreSQL prints it.
  const indexes = await client.query<IndexShape & { table: string; primary: boolean }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary, am.amname AS method,
       pg_get_expr(x.indpred, x.indrelid) AS predicate,
       ARRAY(SELECT coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, k, true))
             FROM generate_series(1, x.indnatts) AS k
             LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1] AND x.indkey[k - 1] <> 0
             ORDER BY k) AS columns
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
     WHERE n.nspname = 'public' ORDER BY i.relname`,
  );
  for (const { table: name, primary, ...index } of indexes.rows.filter(known)) {
    if (primary) table(name).primaryKey = { name: index.name, columns: index.columns };
    else table(name).indexes.push(index);
  }

  const foreignKeys = await client.query<{ table: string; name: string; columns: string[]; referenced_table: string; referenced_columns: string[]; del: string; upd: string }>(
    `SELECT t.relname AS table, con.conname AS name, rt.relname AS referenced_table, con.confdeltype AS del, con.confupdtype AS upd,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS referenced_columns
     FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_class rt ON rt.oid = con.confrelid
     WHERE con.contype = 'f' AND n.nspname = 'public' ORDER BY con.conname`,
  );
  for (const row of foreignKeys.rows.filter(known)) {
    table(row.table).foreignKeys.push({
      name: row.name, columns: row.columns, referencedTable: row.referenced_table, referencedColumns: row.referenced_columns,
      onDelete: RULES[row.del] ?? row.del, onUpdate: RULES[row.upd] ?? row.upd,
    });
  }
  return shape;
}

const list = (columns: string[]) => `(${columns.join(", ")})`;
const describeIndex = (index: IndexShape) =>
  `${index.unique ? "unique " : ""}${index.method} index on ${list(index.columns)}${index.predicate ? ` WHERE ${index.predicate}` : ""}`;

/**
 * Pairs expected and actual items by what they do (`signature`), then compares names and details, so a
 * renamed index reads as a rename and a changed one as missing plus unexpected. Returns one line per difference.
 */
function pairUp<T extends { name: string }>(
  where: string, kind: string, expected: T[], actual: T[], signature: (item: T) => string, details: (e: T, a: T) => string[],
): string[] {
  const differences: string[] = [];
  const unmatched = [...actual];
  for (const item of expected) {
    const at = unmatched.findIndex((candidate) => signature(candidate) === signature(item));
    if (at < 0) {
      differences.push(`${where}: ${kind} ${item.name} is missing: ${signature(item)}`);
      continue;
    }
    const [found] = unmatched.splice(at, 1);
    if (found!.name !== item.name) differences.push(`${where}: ${kind} ${item.name} is named ${found!.name}: ${signature(item)}`);
    differences.push(...details(item, found!).map((detail) => `${where}: ${kind} ${item.name} ${detail}`));
  }
  return [...differences, ...unmatched.map((item) => `${where}: unexpected ${kind} ${item.name}: ${signature(item)}`)];
}

function compareTable(name: string, expected: TableShape, actual: TableShape): string[] {
  const differences: string[] = [];
  for (const [column, want] of Object.entries(expected.columns)) {
    const have = actual.columns[column];
    if (!have) differences.push(`${name}.${column}: column is missing`);
    else {
      if (have.type !== want.type) differences.push(`${name}.${column}: type is ${have.type}, expected ${want.type}`);
      if (have.nullable !== want.nullable) {
        differences.push(`${name}.${column}: is ${have.nullable ? "nullable" : "NOT NULL"}, expected ${want.nullable ? "nullable" : "NOT NULL"}`);
      }
    }
  }
  for (const [column, have] of Object.entries(actual.columns)) {
    if (!(column in expected.columns)) differences.push(`${name}.${column}: unexpected column (${have.type})`);
  }
  const keys = (shape: TableShape) => (shape.primaryKey ? [shape.primaryKey] : []);
  differences.push(...pairUp(name, "primary key", keys(expected), keys(actual), (key) => list(key.columns), () => []));
  differences.push(...pairUp(name, "index", expected.indexes, actual.indexes, describeIndex, () => []));
  differences.push(
    ...pairUp(name, "foreign key", expected.foreignKeys, actual.foreignKeys,
      (key) => `${list(key.columns)} → ${key.referencedTable}${list(key.referencedColumns)}`,
      (want, have) => (["onDelete", "onUpdate"] as const)
        .filter((rule) => want[rule] !== have[rule])
        .map((rule) => `has ${rule} ${have[rule]}, expected ${want[rule]}`)),
  );
  return differences;
}

/** Every difference between the shape prisma/schema.prisma implies and the database's, one readable line each. */
function compareSchema(expected: DatabaseShape, actual: DatabaseShape): string[] {
  const differences: string[] = [];
  for (const [name, values] of Object.entries(expected.enums)) {
    const have = actual.enums[name];
    if (!have) differences.push(`enum ${name} is missing`);
    else if (have.join() !== values.join()) differences.push(`enum ${name} has values ${have.join(", ")}, expected ${values.join(", ")}`);
  }
  for (const name of Object.keys(actual.enums)) if (!(name in expected.enums)) differences.push(`unexpected enum ${name}`);
  for (const [name, table] of Object.entries(expected.tables)) {
    const have = actual.tables[name];
    if (!have) differences.push(`table ${name} is missing`);
    else differences.push(...compareTable(name, table, have));
  }
  for (const name of Object.keys(actual.tables)) if (!(name in expected.tables)) differences.push(`unexpected table ${name}`);
  return differences;
}

describe("schema drift between prisma/schema.prisma and prisma/migrations", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let expected: DatabaseShape;
  beforeAll(async () => {
    expected = expectedDatabase(readPrismaSchema(await readFile(SCHEMA_PATH, "utf8")));
    await client.connect();
  });
  afterAll(() => client.end());

  it("finds no difference in the migrated database", async () => {
    expect(Object.keys(expected.tables).length).toBeGreaterThan(0);
    expect(compareSchema(expected, await readDatabase(client))).toEqual([]);
  });

  it("reports each drift by name (changes made in a transaction that is rolled back)", async () => {
    await client.query("BEGIN");
    let actual: DatabaseShape;
    try {
      await client.query(`
        ALTER TABLE "users" DROP COLUMN "name";
        ALTER TABLE "users" ADD COLUMN "nickname" TEXT;
        ALTER TABLE "images" ALTER COLUMN "storage_path" DROP NOT NULL;
        ALTER TABLE "datasets" ALTER COLUMN "image_root" SET NOT NULL;
        ALTER TABLE "datasets" ALTER COLUMN "description" TYPE VARCHAR(200);
        DROP INDEX "images_content_hash_idx";
        ALTER INDEX "users_email_key" RENAME TO "users_email_unique";
        DROP INDEX "source_labels_classes_idx";
        CREATE INDEX "source_labels_classes_idx" ON "source_labels" ("classes");
        ALTER TABLE "campaigns" DROP CONSTRAINT "campaigns_created_by_id_fkey",
          ADD CONSTRAINT "campaigns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
        ALTER TABLE "campaign_members" DROP CONSTRAINT "campaign_members_pkey", ADD PRIMARY KEY ("user_id", "campaign_id");
        ALTER TABLE "users" ADD CONSTRAINT "users_email_check" CHECK ("email" <> ''); -- allowed: Prisma cannot express it
        ALTER TYPE "Split" ADD VALUE 'HOLDOUT';
        CREATE TABLE "scratch" ("id" INTEGER);`);
      actual = await readDatabase(client);
    } finally {
      await client.query("ROLLBACK");
    }
    expect(compareSchema(expected, actual).sort()).toEqual([
      "campaign_members: primary key campaign_members_pkey is missing: (campaign_id, user_id)",
      "campaign_members: unexpected primary key campaign_members_pkey: (user_id, campaign_id)",
      "campaigns: foreign key campaigns_created_by_id_fkey has onDelete CASCADE, expected SET NULL",
      "datasets.description: type is character varying(200), expected text",
      "datasets.image_root: is NOT NULL, expected nullable",
      "enum Split has values TRAIN, VAL, TEST, HOLDOUT, expected TRAIN, VAL, TEST",
      "images.storage_path: is nullable, expected NOT NULL",
      "images: index images_content_hash_idx is missing: btree index on (content_hash)",
      "source_labels: index source_labels_classes_idx is missing: gin index on (classes)",
      "source_labels: unexpected index source_labels_classes_idx: btree index on (classes)",
      "unexpected table scratch",
      "users.name: column is missing",
      "users.nickname: unexpected column (text)",
      "users: index users_email_key is named users_email_unique: unique btree index on (email)",
    ]);
    // The rollback left the per-file database as migrated.
    expect(compareSchema(expected, await readDatabase(client))).toEqual([]);
  });
});
