import pg from "pg";

/**
 * Runs `work` in one transaction on a dedicated connection: an import either replaces a
 * source's data completely or, on any error, leaves the previous data untouched. A dry run does
 * all the work, including the database's own checks, and then rolls back. Aborting `signal`
 * cancels the statement running at that moment (a long insert, or one waiting on a lock), so a
 * cancelled job stops at once instead of after the statement.
 */
export async function inTransaction<T>(
  connectionString: string,
  work: (client: pg.Client) => Promise<T>,
  { dryRun = false, signal, beforeBegin }: { dryRun?: boolean; signal?: AbortSignal; beforeBegin?: () => Promise<void> } = {},
): Promise<T> {
  const client = new pg.Client({ connectionString });
  // A server that dies mid-import fails the awaiting query; pg also emits "error", which without a listener crashes the whole process (the worker).
  client.on("error", () => {});
  await client.connect();
  // pg sets processID from the server's BackendKeyData; its types leave it out.
  const cancelStatement = () => void cancelBackend(connectionString, (client as pg.Client & { processID?: number | null }).processID);
  signal?.addEventListener("abort", cancelStatement, { once: true });
  try {
    // Connected first: a bundle step that waits for its turn here opens its transaction at once when it comes (a connection is ~6 ms).
    await beforeBegin?.();
    await client.query("BEGIN");
    const result = await work(client);
    await client.query(dryRun ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener("abort", cancelStatement);
    await client.end();
  }
}

/** A statement is cancelled from another connection: its own is busy running it. */
async function cancelBackend(connectionString: string, pid: number | null | undefined) {
  if (pid == null) return;
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The import then stops at its next step instead; its transaction still never commits.
  } finally {
    await client.end().catch(() => {});
  }
}
