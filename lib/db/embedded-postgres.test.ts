import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_POSTGRES_ROOT, clusterDir } from "@/lib/db/cluster-location";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { DatabaseStartupError } from "@/lib/db/startup-errors";

const asRoot = userInfo().uid === 0;
const made: string[] = [];

/** A fresh folder only its owner may enter (mkdtemp makes it 0700), like root's home folder. */
function privateFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "relabel-private-"));
  made.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("startEmbeddedPostgres from a private folder", () => {
  it("starts, answers a query and leaves the folder private", async () => {
    const home = privateFolder();
    const requested = path.join(home, ".relabel", "postgres");
    const server = await startEmbeddedPostgres({ dataDir: requested, throwaway: true, password: "a-test-password" });
    try {
      // As root the `postgres` user cannot enter a 0700 folder, so the cluster must live outside it.
      if (asRoot) expect(server.dataDir.startsWith(`${SYSTEM_POSTGRES_ROOT}/`)).toBe(true);
      else expect(server.dataDir).toBe(requested);
      expect(clusterDir(requested)).toBe(server.dataDir);

      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ answer: number }>("SELECT 40 + 2 AS answer");
      await client.end();
      expect(rows).toEqual([{ answer: 42 }]);
      expect(statSync(home).mode & 0o777).toBe(0o700);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dataDir)).toBe(false);
  });

  it("refuses a cluster made by another major version with one sentence", async () => {
    const home = privateFolder();
    const requested = path.join(home, "postgres");
    const cluster = clusterDir(requested);
    mkdirSync(cluster, { recursive: true });
    if (cluster !== requested) made.push(path.dirname(cluster));
    writeFileSync(path.join(cluster, "PG_VERSION"), "17\n");

    const started = startEmbeddedPostgres({ dataDir: requested, password: "a-test-password" });
    await expect(started).rejects.toBeInstanceOf(DatabaseStartupError);
    await expect(started).rejects.toThrow(/was made by PostgreSQL 17 and cannot be opened by PostgreSQL 18/);
  });
});
