import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNextImage } from "@/lib/campaigns/queue";
import { changeConsensusRule, consensusDedupKey, consensusJob } from "@/lib/consensus/consensus-job";
import { createDb } from "@/lib/db";
import { submitDecision } from "@/lib/decisions/decisions";
import { duplicateScanJob } from "@/lib/duplicates/scan-job";
import { cancelExport, exportJob, queueExport } from "@/lib/export/export-job";
import { exportsFolder, recordExport } from "@/lib/export/jobs";
import { resolveExportScope } from "@/lib/export/scope";
import type { JobContext, JobKind } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { type RunningWorker, startWorker } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { syntheticPicture } from "@/lib/testing/duplicate-fixtures";
import { eventually } from "@/lib/testing/eventually";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";
import { exportRequestSchema } from "@/lib/validation/export";
import { submitDecisionSchema } from "@/lib/validation/labeling";

const url = process.env.DATABASE_URL!;
// The worker and the "app server" use separate clients: progress must travel through the database.
const workerDb = createDb(url);
const serverDb = createDb(url);
let worker: RunningWorker | null = null;
let adminId: number;
let campaignId: number;
let annotators: number[];

beforeAll(async () => {
  process.env.RELABEL_HOME = await mkdtemp(path.join(tmpdir(), "relabel-job-kinds-"));
  adminId = (await seedUser(serverDb, "ADMIN")).id;
  await seedClasses(serverDb, 10);
  const { datasetId, imageIds } = await seedDataset(serverDb, 3);
  annotators = (await Promise.all([seedUser(serverDb), seedUser(serverDb)])).map((user) => user.id);
  campaignId = await seedCampaign(serverDb, { datasetId, imageIds, memberIds: annotators, annotatorsPerImage: 2, consensusRule: "DAWID_SKENE" });
});

afterAll(async () => {
  await worker?.stop();
  await workerDb.$disconnect();
  await serverDb.$disconnect();
});

const jobRow = (jobId: number) => serverDb.job.findUniqueOrThrow({ where: { id: jobId } });
const queueEntries = async (jobId: number) =>
  (await serverDb.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`relabel-job-${jobId}`}`)[0]!.n;

async function submit(userId: number, classes: number[]) {
  const claim = await claimNextImage(serverDb, userId, campaignId);
  const input = submitDecisionSchema.parse({
    campaignId, imageId: claim!.imageId, requestId: randomUUID(), timeSpentMs: 1000, shownClasses: [], shownSources: [],
    content: { classes, ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" },
  });
  await submitDecision(serverDb, userId, input);
  return claim!.imageId;
}

describe("before a worker runs", () => {
  it("a submit under Dawid–Skene queues one campaign recomputation in its transaction instead of recomputing; the next submit joins it", async () => {
    await submit(annotators[0]!, [4]);
    // Any rule writes an in-progress row for a labeled image when it computes; none means nothing was computed.
    expect(await serverDb.consensus.count({ where: { campaignId } })).toBe(0);
    const [job] = await serverDb.job.findMany({ where: { dedupKey: consensusDedupKey(campaignId) } });
    expect(job).toMatchObject({ kind: "consensus", status: "QUEUED", createdById: annotators[0] });
    expect(await queueEntries(job!.id)).toBe(1);

    await submit(annotators[1]!, [4]);
    expect(await serverDb.job.count({ where: { dedupKey: consensusDedupKey(campaignId) } })).toBe(1);
  });

  it("a rule change while the recomputation waits stores the rule and joins the queued job, which will read it", async () => {
    const queued = await changeConsensusRule(serverDb, url, { campaignId, rule: "MAJORITY", quorum: 1 }, adminId);
    expect(queued).toMatchObject({ existing: true, rule: "majority:1" });
    expect(await serverDb.job.count({ where: { dedupKey: consensusDedupKey(campaignId) } })).toBe(1);
    expect(await serverDb.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { consensusRule: true, consensusQuorum: true } })).toEqual({ consensusRule: "MAJORITY", consensusQuorum: 1 });
    expect(await serverDb.auditLog.count({ where: { action: "campaign.consensus-rule", entityId: String(campaignId), userId: adminId } })).toBe(1);
  });

  it("an export cancelled while queued ends cancelled: off the queue, no file", async () => {
    const { exportId, jobId } = await queueExport(serverDb, url, exportRequestSchema.parse({ format: "csv", campaignId }), adminId);
    expect(await serverDb.export.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({ status: "QUEUED", jobId });
    expect(await cancelExport(serverDb, exportId)).toBe("cancelled");
    expect(await serverDb.export.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({ status: "CANCELLED", fileName: null });
    expect((await jobRow(jobId)).status).toBe("CANCELLED");
    expect(await queueEntries(jobId)).toBe(0);
  });
});

describe("on a worker", () => {
  beforeAll(async () => {
    worker = await startWorker({ db: workerDb, url, kinds: [exportJob, consensusJob, duplicateScanJob] as JobKind[], pollIntervalMs: 100, staleAfterSeconds: 30 });
  });

  it("the queued recomputation runs with the rule the campaign has when it starts", async () => {
    const [job] = await serverDb.job.findMany({ where: { dedupKey: consensusDedupKey(campaignId) } });
    const done = await eventually(async () => {
      const row = await jobRow(job!.id);
      return row.status === "SUCCEEDED" && row;
    });
    expect(done).toMatchObject({ workerId: worker!.id, attempts: 1, result: { rule: "majority:1", changed: 1 } });
    expect(done.message).toMatch(/^Recomputed with majority:1: 1 of /);
    expect(await serverDb.consensus.findFirstOrThrow({ where: { campaignId } })).toMatchObject({ status: "AGREED", classes: [4], method: "majority:1" });
  });

  it("writes an export file on the worker, its history row and job telling another client the outcome", async () => {
    const { exportId, jobId } = await queueExport(serverDb, url, exportRequestSchema.parse({ format: "jsonl", campaignId }), adminId);
    const job = await eventually(async () => {
      const current = await jobRow(jobId);
      return current.status === "SUCCEEDED" && current;
    });
    const row = await serverDb.export.findUniqueOrThrow({ where: { id: exportId } });
    expect(row).toMatchObject({ status: "SUCCEEDED", jobId, rows: 3 });
    expect(job).toMatchObject({ kind: "export", status: "SUCCEEDED", done: 3, total: 3, createdById: adminId, result: { exportId, rows: 3 } });
    expect(row.fileName).not.toBeNull();
    const lines = (await readFile(path.join(exportsFolder(), row.fileName!), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(Number(row.bytes)).toBe((await readFile(path.join(exportsFolder(), row.fileName!))).length);
  });

  it("an export aborted mid-run is recorded as cancelled and leaves no file, partial or whole", async () => {
    // A queued history row the running worker does not know of, for the handler to run as a worker would,
    // with the signal a cancel raises (aborted before the first row).
    const request = exportRequestSchema.parse({ format: "csv", campaignId });
    const scope = await resolveExportScope(serverDb, request);
    const { id: exportId } = await serverDb.$transaction((tx) => recordExport(tx, request, scope, adminId, {}, "QUEUED"));
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    const ctx: JobContext = { jobId: 0, db: workerDb, url, signal: controller.signal, progress: () => undefined, log };
    await expect(exportJob.run({ exportId }, ctx)).rejects.toThrow();
    expect(await serverDb.export.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({ status: "CANCELLED" });
    const files = await readdir(exportsFolder());
    expect(files.filter((name) => name.startsWith(`relabel-${exportId}-`))).toEqual([]);
  });

  it("hashes a dataset's images and regroups them, with progress in images hashed of the total", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "relabel-scan-job-"));
    const dataset = await serverDb.dataset.create({ data: { slug: `scan-job-${path.basename(root).toLowerCase()}`, name: "Scan job", imageRoot: root } });
    const picture = await syntheticPicture(3);
    for (const [name, bytes] of [["a.JPEG", picture], ["copy-of-a.JPEG", picture], ["b.JPEG", await syntheticPicture(11)]] as const) {
      await writeFile(path.join(root, name), bytes);
      await serverDb.image.create({ data: { datasetId: dataset.id, fileKey: name, storagePath: name, split: "VAL", bytes: bytes.length } });
    }
    const { jobId } = await enqueueJob(serverDb, url, duplicateScanJob, { dataset: dataset.slug }, adminId);
    const done = await eventually(async () => {
      const row = await jobRow(jobId);
      return row.status === "SUCCEEDED" && row;
    });
    expect(done).toMatchObject({ done: 3, total: 3, result: { images: 3, hashed: 3, failed: 0, groups: 1 } });
    expect(await serverDb.image.count({ where: { datasetId: dataset.id, hashedAt: { not: null } } })).toBe(3);
    expect(await serverDb.duplicateGroup.count({ where: { datasetId: dataset.id } })).toBe(1);
  });
});
