import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";

describe("migrate", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("records every migration with Prisma's sha256 checksum, like `prisma migrate deploy`", async () => {
    const migrations = await readMigrations();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      migrations.map((migration) => [migration.name, migration.checksum]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date && row.applied_steps_count === 1)).toBe(true);
  });

  it("is a no-op on an up-to-date database", async () => {
    expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
  });

  it("refuses a database whose applied migration was edited afterwards", async () => {
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = (SELECT min(migration_name) FROM "_prisma_migrations")`);
    await expect(migrate(process.env.DATABASE_URL!)).rejects.toThrow(/was changed after it was applied/);
  });
});
