import { PrismaPg } from "@prisma/adapter-pg";
import type { Db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The app's database client with every statement it sends recorded, installed where lib/db.ts
 * looks for its client: import this module before anything that imports lib/db. For tests that
 * count a request's round trips, so one added back to a hot path fails them.
 */
const client = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "" }),
  omit: { user: { passwordHash: true } },
  log: [{ emit: "event", level: "query" }],
});
const statements: string[] = [];
client.$on("query", (event) => void statements.push(event.query));
(globalThis as unknown as { relabelDb?: Db }).relabelDb = client as unknown as Db;

/** The statements `run` sent (COMMIT included; Prisma does not report BEGIN), and its result. */
export async function recordStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const from = statements.length;
  const result = await run();
  return { result, statements: statements.slice(from) };
}
