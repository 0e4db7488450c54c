import { afterAll, describe, expect, it } from "vitest";
import { consensusDedupKey, consensusJob } from "@/lib/consensus/consensus-job";
import { listActiveRecomputations } from "@/lib/data/jobs";
import { db } from "@/lib/db";
import type { JobStatus } from "@/lib/generated/prisma/enums";
import { seedCampaign, seedDataset } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

const recomputation = (campaignId: number, status: JobStatus) =>
  db.job.create({ data: { kind: consensusJob.name, status, payload: { campaignId }, dedupKey: consensusDedupKey(campaignId) }, select: { id: true } });

describe("listActiveRecomputations", () => {
  it("lists each campaign's queued or running recomputation once, the running one before its follow-up", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 2);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => seedCampaign(db, { datasetId, imageIds, memberIds: [] })));
    const running = await recomputation(a!, "RUNNING");
    await recomputation(a!, "QUEUED");
    await recomputation(b!, "SUCCEEDED");
    const queued = await recomputation(c!, "QUEUED");
    // Another kind of job on the same campaign is no recomputation.
    await db.job.create({ data: { kind: "import", status: "RUNNING", payload: { campaignId: b }, dedupKey: `import:${b}` } });

    const all = await listActiveRecomputations();
    expect(all.map((r) => [r.campaignId, r.job.id, r.job.status])).toEqual([[a, running.id, "RUNNING"], [c, queued.id, "QUEUED"]]);
    expect(all[0]!.campaignName).toMatch(/^Campaign /);
    expect(await listActiveRecomputations(b)).toEqual([]);
    expect((await listActiveRecomputations(c)).map((r) => r.job.id)).toEqual([queued.id]);
  });
});
