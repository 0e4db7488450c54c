import { migrate } from "@/lib/db/migrate";
import { type DatabaseHandle, openDatabase } from "@/lib/db/local-database";

/** Opens the configured database (migrating it first), runs the command, and releases it. */
export async function withDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    await migrate(database.url);
    return await work(database);
  } finally {
    await database.release();
  }
}
