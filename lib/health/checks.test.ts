import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";
import { evaluateHealth, gatherHealth } from "@/lib/health/checks";
import { beat } from "@/lib/jobs/heartbeat";

const options = { workerWindowSeconds: 60, requireWorker: false };
const healthy = { databaseReachable: true, pendingMigrations: 0, workerSeenSecondsAgo: 5 };

describe("evaluateHealth", () => {
  it("is ok with a database, current migrations and a recent worker", () => {
    expect(evaluateHealth(healthy, options)).toMatchObject({ status: "ok", httpStatus: 200 });
  });

  it("is down (503) without a database, whatever else it knows", () => {
    const report = evaluateHealth({ databaseReachable: false, pendingMigrations: null, workerSeenSecondsAgo: null }, options);
    expect(report).toMatchObject({ status: "down", httpStatus: 503, checks: { database: { ok: false }, migrations: { ok: false } } });
  });

  it("is down (503) while migrations are pending: the code expects a newer schema", () => {
    expect(evaluateHealth({ ...healthy, pendingMigrations: 2 }, options)).toMatchObject({ status: "down", httpStatus: 503, checks: { migrations: { ok: false, pending: 2 } } });
  });

  it("is degraded but serving (200) when no worker was seen in the window, unless a worker is required", () => {
    const stale = { ...healthy, workerSeenSecondsAgo: 61 };
    expect(evaluateHealth(stale, options)).toMatchObject({ status: "degraded", httpStatus: 200, checks: { worker: { ok: false, lastSeenSecondsAgo: 61 } } });
    expect(evaluateHealth(stale, { ...options, requireWorker: true })).toMatchObject({ status: "degraded", httpStatus: 503 });
    expect(evaluateHealth({ ...healthy, workerSeenSecondsAgo: null }, options).checks.worker.ok).toBe(false);
    expect(evaluateHealth({ ...healthy, workerSeenSecondsAgo: 60 }, options).checks.worker.ok).toBe(true);
  });
});

describe("gatherHealth", () => {
  const db = createDb(process.env.DATABASE_URL!);
  afterAll(() => db.$disconnect());

  it("reads reachability, pending migrations and the latest heartbeat from the database", async () => {
    expect(await gatherHealth(db, MIGRATIONS_DIR)).toEqual({ databaseReachable: true, pendingMigrations: 0, workerSeenSecondsAgo: null });
    await beat(db, "health-test-worker", []);
    const inputs = await gatherHealth(db, MIGRATIONS_DIR);
    expect(inputs.workerSeenSecondsAgo).toBeGreaterThanOrEqual(0);
    expect(inputs.workerSeenSecondsAgo).toBeLessThan(60);
  });

  it("counts a migration on disk that the database has not applied", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-migrations-"));
    mkdirSync(path.join(dir, "29991231000000_future"));
    writeFileSync(path.join(dir, "29991231000000_future", "migration.sql"), "SELECT 1;");
    expect((await gatherHealth(db, dir)).pendingMigrations).toBe(1);
  });

  it("reports an unreachable database as such, without throwing", async () => {
    const nowhere = createDb("postgresql://nobody:secret@127.0.0.1:1/none");
    expect(await gatherHealth(nowhere, MIGRATIONS_DIR)).toEqual({ databaseReachable: false, pendingMigrations: null, workerSeenSecondsAgo: null });
    await nowhere.$disconnect();
  });
});
