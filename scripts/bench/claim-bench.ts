import { performance } from "node:perf_hooks";
import { claimNextImage } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";
import { seedCampaign, seedDataset, seedUser } from "@/lib/testing/factories";
import type { Benchmark, BenchContext } from "./benchmark";

/** Claim-then-submit, one annotator: every claim's time, so percentiles see the slow ones. */
async function claimTimes(url: string, images: number, claims: number): Promise<number[]> {
  const db = createDb(url);
  try {
    const { datasetId, imageIds } = await seedDataset(db, images);
    const user = await seedUser(db);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [user.id] });
    const times: number[] = [];
    for (let i = 0; i < claims; i++) {
      const started = performance.now();
      const claim = await claimNextImage(db, user.id, campaignId);
      times.push(performance.now() - started);
      if (!claim) throw new Error(`The queue ran dry after ${i} claims of ${images} images.`);
      await db.assignment.updateMany({ where: { campaignId, userId: user.id, imageId: claim.imageId }, data: { status: "SUBMITTED" } });
    }
    return times;
  } finally {
    await db.$disconnect();
  }
}

async function measure(ctx: BenchContext) {
  const [small, large] = ctx.quick ? [100, 1_000] : [1_000, 100_000];
  const claims = ctx.quick ? 20 : 200 * ctx.repeats;
  const smallTimes = await claimTimes(await ctx.freshDatabase("claim_small"), small, claims);
  const largeTimes = await claimTimes(await ctx.freshDatabase("claim_large"), large, claims);
  return [
    {
      name: `claim-${large}`,
      unit: "ms" as const,
      measured: { what: `claimNextImage in a campaign of ${large} images, ${claims} claims each followed by a submit`, samples: largeTimes },
      baseline: { what: `the same claims in a campaign of ${small} images (claiming must stay flat as campaigns grow)`, samples: smallTimes },
      targetRatio: 1.5,
    },
  ];
}

export const claimBenchmark: Benchmark = {
  name: "claim",
  what: "Claiming the next image: flat from small to large campaigns",
  run: measure,
};
