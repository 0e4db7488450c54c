import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { type DatabaseHandle, openDatabase } from "@/lib/db/local-database";
import { supervisePostgres } from "@/lib/db/postgres-supervisor";
import { eventually } from "@/lib/testing/eventually";

/*
 * The embedded PostgreSQL as `npm start` runs it (openDatabase without DATABASE_URL, in a folder
 * of its own), SIGKILLed under a connected client: the supervisor must start it again on the same
 * port, and the same client must answer again without being recreated.
 */
const saved = { url: process.env.DATABASE_URL, home: process.env.RELABEL_HOME };
let handle: DatabaseHandle | undefined;
let db: Db | undefined;
const home = path.resolve(`.relabel/test-supervised-${process.pid}`);

afterAll(async () => {
  await db?.$disconnect();
  await handle?.release();
  rmSync(home, { recursive: true, force: true });
  process.env.DATABASE_URL = saved.url;
  process.env.RELABEL_HOME = saved.home;
});

describe("supervisePostgres", () => {
  it("restarts a killed embedded PostgreSQL, and the app's client reconnects by itself", async () => {
    delete process.env.DATABASE_URL;
    // Inside the project like the test cluster (a 0700 temporary folder is closed to the `postgres` OS user).
    process.env.RELABEL_HOME = home;
    handle = await openDatabase();
    expect(handle.supervised).toBeDefined();
    db = createDb(handle.url);
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);

    const lines: string[] = [];
    const gaveUp: string[] = [];
    const supervisor = supervisePostgres(handle.supervised!, { log: (line) => lines.push(line), onGiveUp: (reason) => gaveUp.push(reason), intervalMs: 300 });
    try {
      const pidFile = path.join(process.env.RELABEL_HOME, "postgres", "postmaster.pid");
      const oldPid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      process.kill(oldPid, "SIGKILL");

      await eventually(async () => lines.some((line) => line.startsWith("PostgreSQL is running again")), 60_000, "the restart");
      const rows = await eventually(async () => (await db!.$queryRaw<{ one: number }[]>`SELECT 1 AS one`.catch(() => undefined)), 20_000, "the client to reconnect");
      expect(rows).toEqual([{ one: 1 }]);
      expect(Number(readFileSync(pidFile, "utf8").split("\n")[0])).not.toBe(oldPid);
      expect(lines[0]).toBe("PostgreSQL stopped unexpectedly; restarting it");
      expect(gaveUp).toEqual([]);
    } finally {
      supervisor.stop();
    }
  }, 120_000);

  it("gives up with one sentence when the server cannot be started again", async () => {
    let tries = 0;
    const reasons: string[] = [];
    const supervisor = supervisePostgres(
      { url: "postgresql://nobody@127.0.0.1:1/none", alive: () => false, restart: async () => { tries++; throw new Error("could not bind to port 1"); } },
      { log: () => {}, onGiveUp: (reason) => reasons.push(reason), intervalMs: 50, attempts: 2 },
    );
    try {
      const [reason] = await eventually(async () => reasons.length > 0 && reasons, 20_000, "giving up");
      expect(reason).toBe("PostgreSQL stopped and could not be restarted (could not bind to port 1); see the log above and start Relabel again.");
      expect(tries).toBe(2);
    } finally {
      supervisor.stop();
    }
  });
});
