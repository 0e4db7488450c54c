import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createDb(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString }),
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
