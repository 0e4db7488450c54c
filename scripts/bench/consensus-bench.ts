import { performance } from "node:perf_hooks";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { loadCampaignAgreement } from "@/lib/agreement/load-campaign-agreement";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { createDb, type Db } from "@/lib/db";
import { seedClasses, seedUser } from "@/lib/testing/factories";
import type { Benchmark, BenchContext } from "./benchmark";
import { seedLabeledDataset } from "./hot-path";

/**
 * A campaign over the dataset's images × 3 decisions (a third with one dissenter, a tenth with no
 * majority), written with set-based SQL.
 */
async function seedRecomputeCampaign(db: Db, { datasetId, imageIds }: { datasetId: number; imageIds: number[] }): Promise<number> {
  const users = await Promise.all([seedUser(db), seedUser(db), seedUser(db)]);
  const campaignId = await createCampaign(db, {
    datasetId, name: `bench-consensus-${imageIds.length}-${Date.now()}`, instructions: "", annotatorsPerImage: 3, showPriorLabels: true, selection: {}, imageIds, memberIds: users.map((u) => u.id), createdById: null,
  });
  await db.$executeRaw`
    INSERT INTO decisions (campaign_id, image_id, user_id, classes, candidate_classes, outside_labels, updated_at)
    SELECT ${campaignId}, i.id, u.id,
           ARRAY[CASE WHEN (u.ord = 3 AND i.id % 3 = 0) OR (u.ord > 1 AND i.id % 10 = 0) THEN (i.id + u.ord) % 1000 ELSE i.id % 1000 END],
           '{}', '{}', now()
    FROM images i CROSS JOIN unnest(${users.map((u) => u.id)}::int[]) WITH ORDINALITY AS u(id, ord)
    WHERE i.dataset_id = ${datasetId}`;
  return campaignId;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measure(ctx: BenchContext) {
  const images = ctx.quick ? 2_000 : 50_000;
  const first: number[] = [];
  const unchanged: number[] = [];
  const baseline: number[] = [];
  const agreement: number[] = [];
  const bareInsert: number[] = [];
  const second: number[] = [];
  for (let repeat = 0; repeat < ctx.repeats; repeat++) {
    const db = createDb(await ctx.freshDatabase(`consensus_${repeat}`));
    try {
      // The database checks every class a decision or a consensus names against the taxonomy, as it does for users.
      await seedClasses(db);
      // Images with what real ones carry (an original label, a study's verdict, three models' top-5): the queue score reads them.
      const dataset = await seedLabeledDataset(db, images);
      const campaignId = await seedRecomputeCampaign(db, dataset);
      // The floor: PostgreSQL reading and grouping the same decisions, with no rule applied and nothing written.
      baseline.push(await timed(() => db.$queryRaw`
        SELECT image_id, array_agg(classes::text ORDER BY user_id) AS outcomes FROM decisions WHERE campaign_id = ${campaignId} GROUP BY image_id`));
      // The write floor: a bare INSERT … SELECT of as many consensus-shaped rows, in a table of its own.
      bareInsert.push(await timed(() => db.$transaction([
        db.$executeRaw`CREATE TEMP TABLE bench_rows ON COMMIT DROP AS SELECT * FROM consensus WITH NO DATA`,
        db.$executeRaw`
          INSERT INTO bench_rows (id, image_id, campaign_id, status, classes, candidate_classes, outside_labels, method, decision_count, agreement, version, updated_at)
          SELECT -image_id, image_id, ${campaignId}, 'AGREED', array_agg(classes[1]), '{}', '{}', 'majority', count(*), 1, 1, now()
          FROM decisions WHERE campaign_id = ${campaignId} GROUP BY image_id`,
      ])));
      first.push(await timed(() => recomputeCampaign(db, campaignId)));
      unchanged.push(await timed(() => recomputeCampaign(db, campaignId)));
      agreement.push(await timed(() => loadCampaignAgreement(db, campaignId)));
      // A second campaign over the same images, decided after the decisions' last ANALYZE: its rows
      // are estimated at one or two until autovacuum comes round, the trap a plan must not fall into.
      await db.$executeRaw`ANALYZE decisions`;
      const secondId = await seedRecomputeCampaign(db, dataset);
      second.push(await timed(() => recomputeCampaign(db, secondId)));
      ctx.log(`consensus: ${images} images, first ${Math.round(first.at(-1)!)} ms, unchanged ${Math.round(unchanged.at(-1)!)} ms, agreement ${Math.round(agreement.at(-1)!)} ms, a second campaign ${Math.round(second.at(-1)!)} ms`);
    } finally {
      await db.$disconnect();
    }
  }
  const grouped = { what: `SELECT … GROUP BY image_id over the same ${images * 3} decisions (read and group only)`, samples: baseline };
  const inserted = { what: `a bare INSERT … SELECT … GROUP BY of the same ${images} consensus rows into a temporary table (no rule, no revision, no index)`, samples: bareInsert };
  return [
    { name: `recompute-${images}`, unit: "ms" as const, measured: { what: `first recomputation of ${images} images × 3 decisions (majority): every row and revision written`, samples: first }, baseline: inserted },
    { name: `recompute-unchanged-${images}`, unit: "ms" as const, measured: { what: `recomputing again with nothing changed (read, compare, write nothing)`, samples: unchanged }, baseline: grouped },
    { name: `recompute-second-campaign-${images}`, unit: "ms" as const, measured: { what: `first recomputation of a second campaign over the same ${images} images, its decisions newer than the table's statistics`, samples: second }, baseline: inserted },
    { name: `agreement-${images * 3}`, unit: "ms" as const, measured: { what: `the agreement report of the same campaign (${images * 3} decisions): every statistic, per class and per annotator`, samples: agreement }, baseline: grouped },
  ];
}

export const consensusBenchmark: Benchmark = {
  name: "consensus",
  what: "Recomputing a campaign's consensus and its agreement report vs PostgreSQL grouping and inserting the same rows",
  run: measure,
};
