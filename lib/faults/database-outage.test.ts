import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdImages } from "@/lib/campaigns/queue";
import { createDb, type Db } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { importReal } from "@/lib/import/run/label-imports";
import { type KeyValueStore, createLocalOutbox, outboxKey } from "@/lib/labeling/local-outbox";
import { eventually } from "@/lib/testing/eventually";
import { type FaultyPostgres, holdUntilSomeoneWaits, someoneWaitsFor, startFaultyPostgres } from "@/lib/testing/faulty-postgres";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";
import { submitDecisionSchema, type SubmitDecisionInput } from "@/lib/validation/labeling";

/*
 * Fault injection (issue 13, suite 3) on a PostgreSQL of this file's own: crashed while a submit
 * and an import are in flight, and an "app server" process killed right after a submit commits.
 * The browser side is the real outbox (lib/labeling/local-outbox.ts) over an in-memory store:
 * what it keeps is resent with the same request id until the server answers.
 * After recovery: every decision reported saved is there once, every unsent one is sent once,
 * and the failed import left the previous labels as they were.
 */
let pg: FaultyPostgres;
let db: Db;
beforeAll(async () => {
  pg = await startFaultyPostgres("faults");
  db = createDb(pg.url);
  await seedClasses(db, 1000);
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await pg?.stop();
});

function memoryStore(): KeyValueStore {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

const content = (classIndex: number) => ({ classes: [classIndex], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" });

/** A labeling session: the campaign, its claimed images, and the browser's outbox per image, as the labeling screen keeps them. */
async function session(images: number) {
  const { datasetId, imageIds } = await seedDataset(db, images);
  const annotator = await seedUser(db);
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [annotator.id] });
  expect(await holdImages(db, annotator.id, campaignId, images)).toHaveLength(images);
  const store = memoryStore();
  const outbox = (imageId: number) => createLocalOutbox(store, outboxKey(annotator.id, campaignId, imageId));
  /** The screen's submit: kept in the browser first, forgotten only once the server answered. */
  const submit = async (imageId: number, send: (input: SubmitDecisionInput) => Promise<unknown> = (input) => submitDecision(db, annotator.id, input)) => {
    const kept = outbox(imageId).keptSubmit() ?? { content: content(imageId % 1000), requestId: randomUUID(), timeSpentMs: 1000, shownClasses: [], shownSources: [] };
    outbox(imageId).keepSubmit(kept);
    await send(submitDecisionSchema.parse({ campaignId, imageId, ...kept }));
    outbox(imageId).forget();
  };
  const unsent = () => imageIds.filter((imageId) => outbox(imageId).keptSubmit() !== null);
  const decisionsPerImage = async () => {
    const rows = await db.decisionRevision.groupBy({ by: ["requestId"], where: { decision: { campaignId } }, _count: true });
    const decisions = await db.decision.groupBy({ by: ["imageId"], where: { campaignId }, _count: true });
    return { revisionsPerRequest: rows.map((row) => row._count), decisionsPerImage: decisions.map((row) => row._count).sort() };
  };
  return { annotator, campaignId, imageIds, submit, unsent, outbox, decisionsPerImage };
}

describe("fault injection: PostgreSQL crashes during a labeling session", () => {
  it("keeps every saved decision once and sends the unsent ones once after the restart", async () => {
    const s = await session(3);
    const [saved, inFlight, whileDown] = s.imageIds as [number, number, number];
    await s.submit(saved);

    // A submit inside its transaction, waiting on the decisions table, when the server dies.
    const blocker = await holdUntilSomeoneWaits(pg.url, "decisions");
    const flying = s.submit(inFlight);
    flying.catch(() => {});
    await someoneWaitsFor(blocker, "decisions");
    pg.crash();
    await expect(flying).rejects.toThrow();
    await expect(s.submit(whileDown)).rejects.toThrow();
    expect(s.unsent()).toEqual([inFlight, whileDown]);

    await pg.restart();
    // The screen's retry: each kept submit is sent again with its own request id until one is answered.
    for (const imageId of s.unsent()) await eventually(() => s.submit(imageId).then(() => true, () => false), 30_000, "the server to answer again");
    expect(s.unsent()).toEqual([]);
    // A duplicate resend of the decision saved before the crash writes nothing.
    const repeat = await submitDecision(db, s.annotator.id, submitDecisionSchema.parse({ campaignId: s.campaignId, imageId: saved, content: content(1), requestId: (await db.decisionRevision.findFirstOrThrow({ where: { decision: { imageId: saved } } })).requestId, timeSpentMs: 1, shownClasses: [], shownSources: [] }));
    expect(repeat.created).toBe(false);
    expect(await s.decisionsPerImage()).toEqual({ revisionsPerRequest: [1, 1, 1], decisionsPerImage: [1, 1, 1] });
  }, 120_000);
});

describe("fault injection: the app server dies between a submit's commit and its answer", () => {
  it("the browser resends the unanswered submit once, and the decision is there once", async () => {
    const s = await session(1);
    const [imageId] = s.imageIds as [number];
    let child: ChildProcess | undefined;
    // The request goes to a server process that is killed as soon as its transaction has committed: the browser never hears back.
    const killedAfterCommit = (input: SubmitDecisionInput) =>
      new Promise<void>((_, reject) => {
        child = spawn(process.execPath, ["--import", "tsx", "lib/testing/submit-child.ts", pg.url, String(s.annotator.id), JSON.stringify(input)], { stdio: ["ignore", "ignore", "inherit"] });
        child.on("exit", () => reject(new Error("the server went away before answering")));
        void eventually(() => db.decisionRevision.count({ where: { requestId: input.requestId } }).then((n) => n > 0), 60_000, "the commit").then(() => child!.kill("SIGKILL"));
      });
    await expect(s.submit(imageId, killedAfterCommit)).rejects.toThrow("the server went away");
    expect(child!.signalCode).toBe("SIGKILL");
    expect(s.unsent()).toEqual([imageId]);

    const kept = s.outbox(imageId).keptSubmit()!;
    let answer: unknown;
    await s.submit(imageId, async (input) => (answer = await submitDecision(db, s.annotator.id, input)));
    expect(answer).toMatchObject({ created: false });
    expect(s.unsent()).toEqual([]);
    expect(await db.decisionRevision.count({ where: { requestId: kept.requestId } })).toBe(1);
    expect(await s.decisionsPerImage()).toEqual({ revisionsPerRequest: [1], decisionsPerImage: [1] });
  }, 120_000);
});

describe("fault injection: PostgreSQL crashes during an import", () => {
  it("the failed import leaves the previous labels intact, and the same import succeeds after the restart", async () => {
    const dataset = await db.dataset.create({ data: { slug: "faults-val", name: "Faults" }, select: { id: true } });
    await db.$executeRaw`
      INSERT INTO images (dataset_id, file_key, split, file_number, storage_path)
      SELECT ${dataset.id}, format('ILSVRC2012_val_%s.JPEG', lpad(n::text, 8, '0')), 'VAL', n, 'x' FROM generate_series(1, 50000) n`;
    const folder = await mkdtemp(path.join(tmpdir(), "relabel-faults-"));
    const labels = async (name: string, classIndex: number) => {
      const file = path.join(folder, name);
      await writeFile(file, JSON.stringify(Array.from({ length: 50_000 }, () => [classIndex])));
      return file;
    };
    const [before, after] = [await labels("before.json", 1), await labels("after.json", 2)];
    const ctx = { url: pg.url, dataset: "faults-val" };
    await importReal(ctx, before);
    const stored = () => db.$queryRaw<{ classes: number[]; n: number }[]>`
      SELECT sl.classes, count(*)::int AS n FROM source_labels sl JOIN label_sources s ON s.id = sl.source_id
      WHERE s.name = 'real' GROUP BY sl.classes ORDER BY n DESC`;
    expect(await stored()).toEqual([{ classes: [1], n: 50_000 }]);
    // Imports commit asynchronously (lib/import/load/bulk.ts: a crash may lose the last committed import, never
    // corrupt one), so a crash within the WAL writer's next flush or two loses that import. What this test is
    // about is the import the crash interrupts: let the first one reach the disk before crashing.
    const { committed } = (await db.$queryRaw<{ committed: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS committed`)[0]!;
    await eventually(async () => (await db.$queryRaw<{ flushed: boolean }[]>`SELECT pg_current_wal_flush_lsn() >= ${committed}::pg_lsn AS flushed`)[0]!.flushed, 10_000, "the first import to be flushed");

    const blocker = await holdUntilSomeoneWaits(pg.url, "source_labels");
    const failing = importReal(ctx, after);
    failing.catch(() => {});
    await someoneWaitsFor(blocker, "source_labels");
    pg.crash();
    await expect(failing).rejects.toThrow();

    await pg.restart();
    expect(await eventually(() => stored().catch(() => undefined), 30_000, "the server to answer again")).toEqual([{ classes: [1], n: 50_000 }]);
    await importReal(ctx, after);
    expect(await stored()).toEqual([{ classes: [2], n: 50_000 }]);
  }, 180_000);
});
