import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { importJob } from "@/lib/import/jobs";
import { importClasses } from "@/lib/import/run/taxonomy-imports";
import type { JobKind } from "@/lib/jobs/define-job";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { type RunningWorker, startWorker } from "@/lib/jobs/worker";
import { suspectsDedupKey } from "@/lib/suspects/job";
import { eventually } from "@/lib/testing/eventually";
import { holdUntilSomeoneWaits, someoneWaitsFor } from "@/lib/testing/faulty-postgres";
import { seedUser } from "@/lib/testing/factories";

/*
 * The import job and its validation on a real queue. The worker here runs imports only, so the
 * suspects refresh an import queues stays queued, where the test can count it.
 */
const url = process.env.DATABASE_URL!;
const workerDb = createDb(url);
const serverDb = createDb(url);
const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-import-job-"));
const DATASET = "import-job";
let worker: RunningWorker;
let adminId: number;

const classInfo = (name: string, lemma: (cid: number) => string) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: `n${10_000_000 + cid}`, synset: [lemma(cid)], gloss: "" }))));
  return file;
};

beforeAll(async () => {
  adminId = (await seedUser(serverDb, "ADMIN")).id;
  worker = await startWorker({ db: workerDb, url, kinds: [importJob] as JobKind[], pollIntervalMs: 100, staleAfterSeconds: 30 });
});

afterAll(async () => {
  await worker.stop();
  await workerDb.$disconnect();
  await serverDb.$disconnect();
});

const queue = (file: string, dryRun: boolean) => enqueueJob(serverDb, url, importJob as JobKind, { kind: "classes", path: file, dataset: DATASET, options: {}, dryRun }, adminId);
const settled = (jobId: number) =>
  eventually(async () => {
    const row = await serverDb.job.findUniqueOrThrow({ where: { id: jobId } });
    return !["QUEUED", "RUNNING"].includes(row.status) && row;
  }, 30_000, `job ${jobId} to settle`);
const suspectJobs = () => serverDb.job.findMany({ where: { dedupKey: suspectsDedupKey(DATASET) } });
const firstLemma = async () => (await serverDb.imageClass.findUnique({ where: { index: 0 }, select: { lemmas: true } }))?.lemmas[0];

describe("an import", () => {
  it("ends once its rows are stored and queues one suspects refresh; the next imports join the queued refresh", async () => {
    const first = await settled((await queue(classInfo("first.json", (cid) => `class ${cid}`), false)).jobId);
    expect(first).toMatchObject({ status: "SUCCEEDED", message: "1,000 rows stored", result: [{ kind: "classes", stored: 1000 }] });
    expect(await serverDb.imageClass.count()).toBe(1000);
    const [refresh] = await suspectJobs();
    expect(refresh).toMatchObject({ kind: "suspects", status: "QUEUED", payload: { dataset: DATASET }, createdById: adminId });

    for (const name of ["second.json", "third.json"]) {
      expect((await settled((await queue(classInfo(name, (cid) => `class ${cid}`), false)).jobId)).status).toBe("SUCCEEDED");
    }
    expect((await suspectJobs()).map((job) => job.id)).toEqual([refresh!.id]);
  });
});

describe("a validation", () => {
  it("of a good file ends with what the import would store, and writes nothing", async () => {
    const { jobId } = await queue(classInfo("renamed.json", (cid) => `renamed ${cid}`), true);
    const job = await settled(jobId);
    expect(job).toMatchObject({ status: "SUCCEEDED", title: expect.stringMatching(/^Validation · classes · /), result: [{ kind: "classes", stored: 1000 }] });
    expect(job.message).toBe("Valid: importing would store 1,000 rows");
    expect(await firstLemma()).toBe("class 0");
    expect(await suspectJobs()).toHaveLength(1);
  });

  it("of a bad file ends failed with the parser's message, and writes nothing", async () => {
    const file = path.join(dir, "broken.json");
    writeFileSync(file, '[{"cid": 0, "wnid": "n1", "synset": ["only one"], "gloss": ""}]');
    // The message the parser gives when run directly (in a transaction that is rolled back).
    const parserMessage = await importClasses({ url, dataset: DATASET, dryRun: true }, file).then(() => "no error", (error: Error) => error.message);
    expect(parserMessage).toContain(`${file} (entry 0): "wnid" must look like n01440764`);
    const job = await settled((await queue(file, true)).jobId);
    expect(job).toMatchObject({ status: "FAILED", message: parserMessage, attempts: 1, result: null });
    expect(await serverDb.imageClass.count()).toBe(1000);
    expect(await firstLemma()).toBe("class 0");
  });

  it("and the import of the same file are two jobs; the same validation asked again while one runs is that one", async () => {
    const blocker = await holdUntilSomeoneWaits(url, "classes");
    const validation = await queue(classInfo("twice.json", (cid) => `class ${cid}`), true);
    await someoneWaitsFor(blocker, "classes");
    const again = await queue(path.join(dir, "twice.json"), true);
    const imported = await queue(path.join(dir, "twice.json"), false);
    expect(again).toEqual({ jobId: validation.jobId, existing: true });
    expect(imported.existing).toBe(false);
    expect(await cancelJob(serverDb, imported.jobId)).toBe("cancelled");
    await blocker.query("ROLLBACK");
    await blocker.end();
    expect((await settled(validation.jobId)).status).toBe("SUCCEEDED");
  });

  it("cancelled while its statement waits on a lock ends cancelled at once and writes nothing", async () => {
    const blocker = await holdUntilSomeoneWaits(url, "classes");
    const { jobId } = await queue(classInfo("cancelled.json", (cid) => `cancelled ${cid}`), true);
    await someoneWaitsFor(blocker, "classes");
    expect(await cancelJob(serverDb, jobId)).toBe("cancelling");
    // The cancel stops the statement that waits on the lock: the job ends while the lock is still held.
    expect(await settled(jobId)).toMatchObject({ status: "CANCELLED", result: null });
    await blocker.query("ROLLBACK");
    await blocker.end();
    expect(await firstLemma()).toBe("class 0");
  });
});
