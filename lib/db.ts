import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Each connection parses and plans a query once, not on every call: unnamed statements had
 * PostgreSQL spend two thirds of its time on the labeling hot path parsing and planning
 * (log_min_duration_statement, scripts/bench). Named statements live as long as the connection in
 * every backend, so only the first MAX_NAMED_STATEMENTS distinct texts get a name; texts that vary
 * per call (an IN list of any length, generated SQL) then run unnamed as before.
 */
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) statementNames.set(query.sql, (name = `relabel_${statementNames.size}`));
  // The adapter passes the name to pg as is, and pg sends an unnamed statement for undefined.
  return name as string;
}

export function createDb(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString }, { statementNameGenerator: statementName }),
    // Password hashes never leave the data layer unless a query selects them by name.
    omit: { user: { passwordHash: true } },
    // A burst of claims or submits queues for the pool; Prisma's default 2 s wait for a connection
    // failed such requests on a loaded 2-core machine (claim-race test) where waiting succeeds.
    transactionOptions: { maxWait: 10_000 },
  });
}

export type Db = ReturnType<typeof createDb>;

// The app's one client. Scripts (CLI, tests) create their own with createDb and pass it down;
// lib functions take the client as a parameter so both can use them. The global survives
// Next.js dev-mode module reloads. The pool connects lazily, so importing this during
// `next build` (no DATABASE_URL) opens no connection.
const globalForDb = globalThis as unknown as { relabelDb?: Db };
export const db: Db = (globalForDb.relabelDb ??= createDb(process.env.DATABASE_URL ?? ""));

/** The app's connection string, for code that needs its own connection (COPY-based imports). */
export function databaseUrlOf(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set; start Relabel with `npm start`, which provides one.");
  return url;
}

/** PostgreSQL's check_violation (23514), as Prisma passes it on: a CHECK constraint or one of the integrity triggers refused a write. */
export function isCheckViolation(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null)?.meta;
  return meta?.driverAdapterError?.cause?.originalCode === "23514";
}
