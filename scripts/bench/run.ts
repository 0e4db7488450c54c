/**
 * `npm run bench`: import and work-queue speed on this machine, as medians and ratios measured
 * in one run (absolute times on shared machines are noise). Writes scripts/bench/results.json.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { to as copyTo, from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import { claimNextImage } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";
import { startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import { seedCampaign, seedDataset, seedUser } from "@/lib/testing/factories";
import { adminQuery } from "@/lib/testing/postgres-admin";
import { timeRecompute } from "@/scripts/bench/consensus";

const SHARED_DATA = process.env.RELABEL_SHARED_DATA ?? path.resolve("../shared/data");
const RESULTS = path.resolve(import.meta.dirname, "results.json");
const IMPORT_RUNS = 3;
const CLAIMS = 200;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeImport(url: string): Promise<number> {
  const started = performance.now();
  await importImagenetBundle({ url, dataset: "imagenet-val" }, SHARED_DATA);
  return performance.now() - started;
}

/** The floor an import cannot beat: COPY of the very rows it stored, already encoded, into indexed copies of the tables. */
async function timeRawCopy(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  for (const table of ["images", "source_labels", "predictions", "image_hints", "decisions"]) {
    const chunks: Buffer[] = [];
    await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), new Writable({ write(chunk, _e, done) { chunks.push(chunk); done(); } }));
    await client.query(`CREATE TEMP TABLE raw_${table} (LIKE ${table} INCLUDING ALL)`);
    const started = performance.now();
    await client.query("BEGIN");
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY raw_${table} FROM STDIN`)));
    await client.query("COMMIT");
    total += performance.now() - started;
  }
  await client.end();
  return total;
}

async function timeClaims(url: string, images: number): Promise<number> {
  const db = createDb(url);
  const { datasetId, imageIds } = await seedDataset(db, images);
  const user = await seedUser(db);
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [user.id] });
  const times: number[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const started = performance.now();
    const claim = await claimNextImage(db, user.id, campaignId);
    times.push(performance.now() - started);
    await db.assignment.updateMany({ where: { campaignId, userId: user.id, imageId: claim!.imageId }, data: { status: "SUBMITTED" } });
  }
  await db.$disconnect();
  return median(times);
}

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: `.relabel/bench-postgres-${process.pid}`, throwaway: true, password: randomBytes(18).toString("base64url") });
  try {
    const importTimes: number[] = [];
    for (let run = 0; run < IMPORT_RUNS; run++) {
      const database = `bench_import_${run}`;
      await adminQuery(server.url, `CREATE DATABASE ${database}`);
      const url = withDatabase(server.url, database);
      await migrate(url);
      importTimes.push(await timeImport(url));
    }
    const rawCopy = await timeRawCopy(withDatabase(server.url, "bench_import_0"));

    await adminQuery(server.url, "CREATE DATABASE bench_queue");
    const queueUrl = withDatabase(server.url, "bench_queue");
    await migrate(queueUrl);
    const claimSmall = await timeClaims(queueUrl, 1_000);
    const claimLarge = await timeClaims(queueUrl, 100_000);
    const recomputeSmall = await timeRecompute(queueUrl, 5_000);
    const recomputeLarge = await timeRecompute(queueUrl, 50_000);

    const results = {
      measuredAt: new Date().toISOString(),
      machine: `${(await import("node:os")).cpus().length} cores`,
      import: {
        what: `import imagenet ${path.relative(process.cwd(), SHARED_DATA)}: every published source, 50,000 images, each step in its own transaction`,
        medianMs: Math.round(median(importTimes)),
        runsMs: importTimes.map(Math.round),
        rawCopyMs: Math.round(rawCopy),
        ratioToRawCopy: Number((median(importTimes) / rawCopy).toFixed(2)),
      },
      claim: {
        what: `median time to claim the next image, ${CLAIMS} claims per campaign size`,
        medianMs1k: Number(claimSmall.toFixed(2)),
        medianMs100k: Number(claimLarge.toFixed(2)),
        ratio100kTo1k: Number((claimLarge / claimSmall).toFixed(2)),
      },
      consensus: {
        what: "recompute a campaign's consensus (3 decisions per image): first pass, unchanged pass, rule change",
        images5k: recomputeSmall,
        images50k: recomputeLarge,
        ratio50kTo5kFirst: Number((recomputeLarge.firstMs / recomputeSmall.firstMs).toFixed(2)),
      },
    };
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + "\n");
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
