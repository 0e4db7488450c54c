import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEvaluation } from "@/lib/data/evaluation";
import { createDb } from "@/lib/db";
import { evaluationDedupKey, evaluationJob } from "@/lib/evaluation/evaluation-job";
import { evaluateModels } from "@/lib/evaluation/load-evaluation";
import { importJob } from "@/lib/import/jobs";
import type { JobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { type RunningWorker, startWorker } from "@/lib/jobs/worker";
import { eventually } from "@/lib/testing/eventually";
import { seedClasses, seedDataset, seedPredictions, seedUser, seedVerdicts } from "@/lib/testing/factories";

/*
 * The evaluation table on the real queue. Two workers on one database, as in production: one runs
 * imports only, the other evaluations only and is started when a test wants the table computed,
 * so the tests see what is queued before anything runs it. The page's read (getEvaluation) goes
 * through a third client: whatever it says travelled through PostgreSQL.
 */
const url = process.env.DATABASE_URL!;
const workerDb = createDb(url);
const serverDb = createDb(url);
let importer: RunningWorker;
let adminId: number;
let slug: string;
let folder: string;

/* Three images, original 1→1, 2→2, 3→3; the seeded model m predicts 1, 2, 9. */
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "relabel-evaluation-job-"));
  adminId = (await seedUser(serverDb, "ADMIN")).id;
  await seedClasses(serverDb, 10);
  const { datasetId, imageIds } = await seedDataset(serverDb, 3);
  slug = (await serverDb.dataset.findUniqueOrThrow({ where: { id: datasetId } })).slug;
  const [a, b, c] = imageIds as [number, number, number];
  await seedVerdicts(serverDb, datasetId, "original", "ORIGINAL", [[a, [1]], [b, [2]], [c, [3]]]);
  await seedVerdicts(serverDb, datasetId, "real", "STUDY", [[a, [1]], [b, [2, 4]], [c, []]]);
  await seedPredictions(serverDb, datasetId, "m", [[a, [1]], [b, [2]], [c, [9]]]);
  importer = await startWorker({ db: workerDb, url, kinds: [importJob] as JobKind[], pollIntervalMs: 100, staleAfterSeconds: 30 });
});

afterAll(async () => {
  await importer.stop();
  await workerDb.$disconnect();
  await serverDb.$disconnect();
});

/** A model's predictions as a CSV file, imported through the queue by the admin; resolves when the import succeeded. */
async function importModel(name: string, classes: [number, number, number]) {
  const file = path.join(folder, `${name}.csv`);
  await writeFile(file, ["file,class,score", ...classes.map((c, i) => `${i + 1},${c},0.9`)].join("\n") + "\n");
  const { jobId } = await enqueueJob(serverDb, url, importJob, { kind: "predictions", path: file, dataset: slug, options: { name: `model:${name}` } }, adminId);
  return jobId;
}

const succeeded = (jobId: number) =>
  eventually(async () => {
    const row = await serverDb.job.findUniqueOrThrow({ where: { id: jobId } });
    if (row.status === "FAILED") throw new Error(`job ${jobId} failed: ${row.message}`);
    return row.status === "SUCCEEDED" && row;
  }, 30_000, `job ${jobId}`);

const evaluationJobs = () => serverDb.job.findMany({ where: { dedupKey: evaluationDedupKey(slug) }, orderBy: { id: "asc" } });

describe("the evaluation job", () => {
  it("before the first computation the page's read has no table and nothing is computed on reading it", async () => {
    const state = await getEvaluation(slug);
    expect(state).toMatchObject({ table: null, computedAt: null, current: false, job: null });
    expect(await serverDb.evaluationResult.count()).toBe(0);
  });

  it("two imports finishing while no evaluation runs queue one recomputation between them, on the importer's behalf", async () => {
    const jobs = [await importModel("a", [1, 5, 3]), await importModel("b", [7, 2, 3])];
    await Promise.all(jobs.map(succeeded));
    const queued = await evaluationJobs();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: "evaluation", status: "QUEUED", createdById: adminId, title: `Evaluation of ${slug}` });
    expect(await getEvaluation(slug)).toMatchObject({ table: null, current: false, job: { id: queued[0]!.id, status: "QUEUED" } });
  });

  it("a worker runs it: the stored table is what evaluateModels returns, from the data as it is now", async () => {
    const evaluator = await startWorker({ db: workerDb, url, kinds: [evaluationJob] as JobKind[], pollIntervalMs: 100, staleAfterSeconds: 30 });
    try {
      const [job] = await evaluationJobs();
      const done = await succeeded(job!.id);
      expect(done).toMatchObject({ done: 3, total: 3, result: { dataset: slug, models: 3, protocols: 2 } });
      expect(done.message).toMatch(/^3 models under 2 protocols, in /);
      const stored = await serverDb.evaluationResult.findFirstOrThrow({ where: { dataset: { slug } } });
      expect(stored.jobId).toBe(job!.id);
      expect(stored.models).toEqual(await evaluateModels(serverDb, slug));
      const state = await getEvaluation(slug);
      expect(state).toMatchObject({ current: true, job: { id: job!.id, status: "SUCCEEDED" } });
      expect(state!.table!.protocols.map((p) => p.protocol)).toEqual(["original", "real"]);
      // a: 1 and 3 right of 3; b: 2 and 3; m: 1 and 2 — all 66.67 under the original labels, so all rank first.
      expect(state!.table!.models.map((m) => [m.model, m.protocols.original!.top1])).toEqual([["a", 66.67], ["b", 66.67], ["m", 66.67]]);
      // ReaL leaves image 3 out (no label fits): a 1 of 2, b 1 of 2 (2 is in {2, 4}), m 2 of 2.
      expect(state!.table!.ranks.real).toEqual({ a: 2, b: 2, m: 1 });
    } finally {
      await evaluator.stop();
    }
  });

  it("an import afterwards leaves the last table shown but out of date, and queues one recomputation", async () => {
    await succeeded(await importModel("c", [1, 2, 3]));
    const state = await getEvaluation(slug);
    expect(state).toMatchObject({ current: false, job: { status: "QUEUED" } });
    expect(state!.table!.models.map((m) => m.model)).toEqual(["a", "b", "m"]);
    const jobs = await evaluationJobs();
    expect(jobs.map((job) => job.status)).toEqual(["SUCCEEDED", "QUEUED"]);
  });
});
