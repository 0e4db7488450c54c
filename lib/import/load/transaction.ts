import pg from "pg";

/**
 * Runs `work` in one transaction on a dedicated connection: an import either replaces a
 * source's data completely or, on any error, leaves the previous data untouched. A dry run does
 * all the work, including the database's own checks, and then rolls back.
 */
export async function inTransaction<T>(
  connectionString: string,
  work: (client: pg.Client) => Promise<T>,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query(dryRun ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
