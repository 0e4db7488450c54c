import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// pg_prepared_statements lists the statements of the session it is read in: one transaction keeps one connection.
const namedOnThisConnection = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) =>
  tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'relabel\\_%'`;

describe("the app's database client", () => {
  it("prepares a query once per connection under one name and runs it again by that name", async () => {
    const named = await db.$transaction(async (tx) => {
      await tx.user.count();
      await tx.user.count();
      return namedOnThisConnection(tx);
    });
    expect(named.filter((row) => /count/i.test(row.statement) && row.statement.includes('"users"'))).toHaveLength(1);
  });

  it("names at most 500 distinct texts, and runs the ones past that unnamed", async () => {
    const { answers, named } = await db.$transaction(async (tx) => {
      const answers: number[] = [];
      for (let i = 0; i < 520; i++) answers.push(((await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT ${i}::int AS n`))[0]!).n);
      return { answers, named: await namedOnThisConnection(tx) };
    }, { timeout: 60_000 });
    expect(answers).toEqual(Array.from({ length: 520 }, (_, i) => i));
    expect(named.length).toBeLessThanOrEqual(500);
    expect(named.length).toBeGreaterThan(400);
  });
});
