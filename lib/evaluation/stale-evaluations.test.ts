import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { getEvaluation } from "@/lib/data/evaluation";
import { evaluationDedupKey, evaluationJob } from "@/lib/evaluation/evaluation-job";
import { queueStaleEvaluations } from "@/lib/evaluation/stale-evaluations";
import { storeEvaluation } from "@/lib/evaluation/stored-evaluation";
import type { JobKind } from "@/lib/jobs/define-job";
import { startWorker } from "@/lib/jobs/worker";
import { eventually } from "@/lib/testing/eventually";
import { seedClasses, seedConsensus, seedDataset, seedPredictions, seedVerdicts } from "@/lib/testing/factories";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
let evaluated: { id: number; slug: string; imageIds: number[] };
let neverEvaluated: string;

const datasetOf = async (count: number) => {
  const { datasetId, imageIds } = await seedDataset(db, count);
  const { slug } = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } });
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", imageIds.map((id, i) => [id, [i + 1]]));
  await seedPredictions(db, datasetId, "m", imageIds.map((id) => [id, [1]]));
  return { id: datasetId, slug, imageIds };
};
const jobsOf = (slug: string) => db.job.findMany({ where: { dedupKey: evaluationDedupKey(slug) }, select: { status: true, createdById: true } });

beforeAll(async () => {
  await seedClasses(db, 10);
  evaluated = await datasetOf(3);
  await storeEvaluation(db, evaluated.slug);
  neverEvaluated = (await datasetOf(2)).slug;
});

afterAll(() => db.$disconnect());

describe("the sweep for stale evaluation tables", () => {
  it("queues nothing while every stored table matches its data, nor for a dataset never evaluated", async () => {
    expect(await queueStaleEvaluations(db, url)).toEqual([]);
    expect(await jobsOf(evaluated.slug)).toEqual([]);
    expect(await jobsOf(neverEvaluated)).toEqual([]);
  });

  it("queues one recomputation once a consensus changed, and none more while it waits", async () => {
    await seedConsensus(db, { imageId: evaluated.imageIds[0]!, classes: [2] });
    expect(await queueStaleEvaluations(db, url)).toEqual([evaluated.slug]);
    expect(await queueStaleEvaluations(db, url)).toEqual([]);
    expect(await jobsOf(evaluated.slug)).toEqual([{ status: "QUEUED", createdById: null }]);
  });

  it("queues nothing again once the table is recomputed from the data as it is", async () => {
    await db.job.updateMany({ where: { dedupKey: evaluationDedupKey(evaluated.slug) }, data: { status: "SUCCEEDED" } });
    await storeEvaluation(db, evaluated.slug);
    expect(await queueStaleEvaluations(db, url)).toEqual([]);
  });

  it("on a worker that sweeps, a table gone out of date by a consensus change is current again without anyone asking", async () => {
    const worker = await startWorker({
      db, url, kinds: [evaluationJob] as JobKind[], pollIntervalMs: 100,
      periodic: [{ name: "stale evaluations", seconds: 0.2, run: () => queueStaleEvaluations(db, url) }],
    });
    try {
      await seedConsensus(db, { imageId: evaluated.imageIds[1]!, classes: [3] });
      expect(await getEvaluation(evaluated.slug)).toMatchObject({ current: false });
      await eventually(async () => (await getEvaluation(evaluated.slug))?.current === true, 30_000, "the swept evaluation to be stored");
      expect(await jobsOf(evaluated.slug)).toContainEqual({ status: "SUCCEEDED", createdById: null });
    } finally {
      await worker.stop();
    }
  });
});
