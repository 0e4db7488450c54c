import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { createDb } from "@/lib/db";
import { runExport } from "@/lib/export/run-export";
import { consensusRowsSql, type ExportScope, provenanceRowsSql } from "@/lib/export/sql";
import { seedClasses } from "@/lib/testing/factories";
import { cleanRuleSchema, EXPORT_FORMAT_NAMES, type ExportFormatName } from "@/lib/validation/export";
import type { Benchmark, BenchContext, Measure } from "./benchmark";

/**
 * Each export format over `images` dataset-level consensus rows vs a bare `COPY (SELECT …) TO
 * STDOUT` of the same query, both written to a sink that drops the bytes (so the disk is not
 * what is measured). RSS is sampled during each export: a streamed export stays flat.
 */

const MiB = 1024 * 1024;

/** A dataset of `images` validation images with consensus: agreed, a tenth resolved multilabel, a twentieth ambiguous, some excluded. */
async function seedConsensus(url: string, images: number): Promise<ExportScope> {
  const db = createDb(url);
  try {
    // The database checks every class a decision or a consensus names against the taxonomy, as it does for users.
    await seedClasses(db);
    const dataset = await db.dataset.create({ data: { slug: `bench-export-${images}`, name: "bench export" }, select: { id: true } });
    await db.$executeRaw`
      INSERT INTO images (dataset_id, file_key, split, file_number, storage_path)
      SELECT ${dataset.id}, 'ILSVRC2012_val_' || lpad(n::text, 8, '0') || '.JPEG', 'VAL', n, 'val/' || n FROM generate_series(1, ${images}::int) AS n`;
    await db.$executeRaw`
      INSERT INTO consensus (image_id, status, classes, candidate_classes, outside_labels, ambiguity, exclude_reason, method, decision_count, agreement, updated_at)
      SELECT i.id,
             (CASE WHEN i.file_number % 10 = 0 THEN 'RESOLVED' WHEN i.file_number % 37 = 0 THEN 'EXCLUDED' ELSE 'AGREED' END)::"ConsensusStatus",
             CASE WHEN i.file_number % 37 = 0 OR i.file_number % 20 = 5 THEN '{}'::int[] WHEN i.file_number % 10 = 0 THEN ARRAY[i.file_number % 1000, (i.file_number + 1) % 1000] ELSE ARRAY[i.file_number % 1000] END,
             CASE WHEN i.file_number % 20 = 5 THEN ARRAY[i.file_number % 1000, (i.file_number + 7) % 1000] ELSE '{}'::int[] END,
             '{}',
             CASE WHEN i.file_number % 20 = 5 THEN 'BLURRY'::"AmbiguityReason" END,
             CASE WHEN i.file_number % 37 = 0 THEN 'drawing' END,
             CASE WHEN i.file_number % 10 = 0 THEN 'reviewer' ELSE 'majority:2' END,
             3, 0.67, now()
      FROM images i WHERE i.dataset_id = ${dataset.id}`;
    return { datasetId: dataset.id, campaignId: null };
  } finally {
    await db.$disconnect();
  }
}

const nullSink = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started, peakMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / MiB) };
  } finally {
    clearInterval(timer);
  }
}

async function bareCopy(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT`)), nullSink());
  } finally {
    await client.end();
  }
}

async function measure(ctx: BenchContext): Promise<Measure[]> {
  const images = ctx.quick ? 500 : 50_000;
  const url = await ctx.freshDatabase("export");
  const scope = await seedConsensus(url, images);
  const clean = cleanRuleSchema.parse({});
  const startMiB = Math.round(process.memoryUsage().rss / MiB);
  const measures: Measure[] = [];
  for (const format of EXPORT_FORMAT_NAMES) {
    const sql = format === "jsonl" ? provenanceRowsSql(scope) : consensusRowsSql(scope);
    const exported: number[] = [];
    const copied: number[] = [];
    let peakMiB = 0;
    let bytes = 0;
    for (let repeat = 0; repeat < ctx.repeats; repeat++) {
      copied.push((await withPeakRss(() => bareCopy(url, sql))).ms);
      const run = await withPeakRss(() => runExport(url, { format: format as ExportFormatName, scope, clean }, nullSink()));
      exported.push(run.ms);
      peakMiB = Math.max(peakMiB, run.peakMiB);
      bytes = run.value.bytes;
    }
    ctx.log(`export ${format}: ${images} images, ${Math.round(exported.at(-1)!)} ms vs COPY ${Math.round(copied.at(-1)!)} ms, peak RSS ${peakMiB} MiB`);
    measures.push({
      name: `${format}-${images}`,
      unit: "ms",
      measured: { what: `export of ${images} consensus rows as ${format}, streamed to a sink that drops the bytes`, samples: exported },
      baseline: { what: `bare COPY (SELECT …) TO STDOUT of the same ${format === "jsonl" ? "provenance" : "consensus"} query into the same sink`, samples: copied },
      targetRatio: 2,
      notes: { images, bytes, rssBeforeMiB: startMiB, rssPeakMiB: peakMiB },
    });
  }
  return measures;
}

export const exportBenchmark: Benchmark = {
  name: "export",
  what: "Each export format over 50,000 consensus rows vs a bare COPY … TO STDOUT of the same rows (peak RSS noted)",
  run: measure,
};
