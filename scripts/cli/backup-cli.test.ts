import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { listBackedUpTables } from "@/lib/backup/tables";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { createDb } from "@/lib/db";
import { withDatabase } from "@/lib/db/embedded-postgres";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";
import { adminQuery } from "@/lib/testing/postgres-admin";
import { seedCampaign, seedClasses, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

/*
 * `relabel backup` then `relabel restore` into an empty database (no tables at all, not even
 * migrated): afterwards every row of every table — Relabel's and the job queue's
 * (graphile_worker) — and every sequence position is the same. Migration records are the one
 * deliberate exception: the target writes its own when restore migrates it.
 */
const sourceUrl = process.env.DATABASE_URL!;
const source = createDb(sourceUrl);
let targetUrl: string;
let folder: string;

// The backup starts the real CLI process; restores run its program in this process (seconds less each).
const relabel = (url: string, ...args: string[]) => runRelabelInProcess(args, { DATABASE_URL: url });

/** Per table: row count and a digest of every row's text, in a fixed order; plus every sequence's position. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables: Record<string, string> = {};
    for (const table of await listBackedUpTables(client)) {
      const { rows } = await client.query<{ n: number; digest: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM ${table.sql} t`,
      );
      tables[table.name] = `${rows[0]!.n}:${rows[0]!.digest}`;
    }
    const { rows: sequences } = await client.query<{ name: string; position: string }>(
      `SELECT schemaname || '.' || sequencename AS name, coalesce(last_value::text, 'unused') AS position FROM pg_sequences WHERE schemaname IN ('public', 'graphile_worker') ORDER BY name`,
    );
    return { tables, sequences };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "relabel-backup-"));
  await seedClasses(source, 20);
  const { datasetId, imageIds } = await seedDataset(source, 3);
  const [first, second] = [await seedUser(source), await seedUser(source, "REVIEWER")];
  const campaignId = await seedCampaign(source, { datasetId, imageIds, memberIds: [first.id, second.id], annotatorsPerImage: 2 });
  await seedDecisions(source, campaignId, [
    { imageId: imageIds[0]!, userId: first.id, classes: [3], notes: "tab\there, newline\nthere, backslash \\ and ünïcode" },
    { imageId: imageIds[0]!, userId: second.id, classes: [3, 4], outsideLabels: ["a \"quoted\" label"] },
    { imageId: imageIds[1]!, userId: first.id, classes: [7], timeSpentMs: 4200 },
  ]);
  await recomputeCampaign(source, campaignId);
  await recordAudit(source, { userId: first.id, action: "auth.sign-in", entity: "user", entityId: first.id, details: { nested: { list: [1, null, "x"] } } });
  await ensureQueueSchema(sourceUrl);
  await source.$executeRaw`SELECT graphile_worker.add_job('backup-test', '{"queued": true}'::json)`;

  const name = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(inject("postgresUrl"), `CREATE DATABASE ${name}`);
  targetUrl = withDatabase(inject("postgresUrl"), name);
});
afterAll(() => source.$disconnect());

describe("relabel backup and restore", () => {
  it("round-trips every row of every table into an empty database, refuses to overwrite without --force, and keeps the target whole when a restore fails", async () => {
    const file = path.join(folder, "relabel.backup");
    const backup = await runRelabelCli(["backup", "--out", file, "--json"], { DATABASE_URL: sourceUrl });
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const before = await fingerprint(sourceUrl);
    const filled = Object.entries(before.tables).filter(([, value]) => !value.startsWith("0:")).map(([table]) => table);
    // A round trip of empty tables would prove nothing: the seed reaches users, decisions, consensus, the audit log and the queue.
    expect(filled).toEqual(expect.arrayContaining(["public.users", "public.decisions", "public.decision_revisions", "public.consensus", "public.audit_log", "graphile_worker._private_jobs"]));
    expect(JSON.parse(backup.stdout)).toMatchObject({ tables: Object.keys(before.tables).length });

    const restored = await relabel(targetUrl, "restore", file, "--json");
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ tables: Object.keys(before.tables).length, replaced: 0 });
    expect(await fingerprint(targetUrl)).toEqual(before);

    const refused = await relabel(targetUrl, "restore", file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^relabel: The database is not empty \(\d+ rows; .*add --force/);

    // A backup cut short: the forced restore fails inside its transaction, and the target keeps every row it had.
    const whole = await readFile(file);
    const damaged = path.join(folder, "damaged.backup");
    await writeFile(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
    const failed = await relabel(targetUrl, "restore", damaged, "--force");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^relabel: .*damaged\.backup cannot be read to its end \(unexpected end of file\): the backup is damaged or incomplete\. Nothing was restored\.\n$/);
    expect(await fingerprint(targetUrl)).toEqual(before);

    const forced = await relabel(targetUrl, "restore", file, "--force", "--json");
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).replaced).toBeGreaterThan(0);
    expect(await fingerprint(targetUrl)).toEqual(before);
  }, 120_000);
});
