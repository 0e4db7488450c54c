import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { createDb } from "@/lib/db";
import { seedCampaign, seedDataset } from "@/lib/testing/factories";
import { type CpuCost, cpuMeter, newSecret, startAppServer } from "./app-server";
import type { Benchmark, BenchContext, Measure } from "./benchmark";
import { committedTransactions, drivePageRenders, driveHotPath, driveSignedInFloor, driveStaticFloor, type LoadResult, overAssigned, seedCampaignUnderWay, seedHotPath, seedLabeledDataset, startLabeling } from "./hot-path";
import { bareSqlLoops } from "./sql-baseline";
import { summarise } from "./stats";

/** One loop's time: its submit and items fetch, which a connection sends one after the other. */
export const loopTimes = (result: LoadResult) => result.latencies.submit.map((submit, i) => submit + (result.latencies.items[i] ?? 0));

const allRequests = (result: LoadResult) => [...result.latencies.submit, ...result.latencies.items];
// A step without answers (every request timed out) has no figures, only its failures.
const perRequest = (result: LoadResult) => Object.fromEntries(
  (["submit", "items"] as const).map((step) => [step, result.latencies[step].length === 0 ? null : {
    medianMs: summarise(result.latencies[step]).median,
    p95Ms: summarise(result.latencies[step]).p95,
    bytes: Math.round(result.bytes[step] / result.latencies[step].length),
  }]),
);

async function measure(ctx: BenchContext): Promise<Measure[]> {
  const images = ctx.quick ? 1_000 : 50_000;
  const levels = ctx.quick ? [1, 2] : [1, 10, 50];
  const seconds = ctx.quick ? 2 : 5;
  const rate = ctx.quick ? 20 : 250;
  const url = await ctx.freshDatabase("http");
  const db = createDb(url);
  const server = await startAppServer(url, newSecret(), ctx.log);
  try {
    const setup = await seedHotPath(db, [server.url], images, levels.at(-1)!);
    // The same users claim from a campaign of their own for the bare-SQL loops.
    const users = await db.campaignMember.findMany({ where: { campaignId: setup.campaignId }, select: { userId: true }, orderBy: { userId: "asc" } });
    // Bare SQL loops far faster than the app (over 1000 loops/s on a quiet 2-core machine, for 3
    // repeats of 5 s at each level): its campaign must not run dry.
    const { datasetId, imageIds } = await seedDataset(db, ctx.quick ? 20_000 : 200_000);
    const baselineCampaign = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((user) => user.userId) });
    const userIds = users.map((user) => user.userId);

    const warm = await driveHotPath(setup, setup.annotators.slice(0, 1), ctx.quick ? 1 : 3); // warm-up: JIT, connection pools, caches
    if (warm.failures > 0) throw new Error(`The hot path fails: ${warm.failureSamples.join(" | ")}`);
    // What one loop costs the database: transactions committed during a single annotator's run,
    // minus what the idle server (its worker polling) commits in as long.
    await sleep(1_500); // backends report to pg_stat_database about once a second
    const quiet = await committedTransactions(url);
    await sleep(seconds * 1000);
    const started = await committedTransactions(url);
    const singleCpu = cpuMeter(server);
    const single = await driveHotPath(setup, setup.annotators.slice(0, 1), seconds);
    // What one loop costs the app server's CPU, PostgreSQL's and the load generator's: together they share the machine's cores.
    const loopCpu = singleCpu(single.latencies.submit.length);
    await sleep(1_500);
    const busy = (await committedTransactions(url)) - started - (started - quiet);
    const transactionsPerLoop = busy / Math.max(1, single.latencies.submit.length);
    // A direct load (or reload) of the labeling page: a full server render, once per session rather than per image.
    const page = await drivePageRenders(setup, setup.annotators[0]!, ctx.quick ? 1 : 3);

    // The same annotator in a campaign of ImageNet's size: claiming and the items read must not grow with it.
    const largeSize = ctx.quick ? 5_000 : 1_300_000;
    const large = await seedLabeledDataset(db, largeSize);
    const largeCampaign = await seedCampaign(db, { datasetId: large.datasetId, imageIds: large.imageIds, memberIds: [userIds[0]!] });
    await seedCampaignUnderWay(db, largeCampaign);
    const first = setup.annotators[0]!;
    const largeSetup = { ...setup, campaignId: largeCampaign, annotators: [{ ...first, held: await startLabeling(first.server, setup.actions, first.cookie, largeCampaign) }] };
    const largeRuns: LoadResult[] = [];
    for (let repeat = 0; repeat < ctx.repeats; repeat++) largeRuns.push(await driveHotPath(largeSetup, largeSetup.annotators, seconds));
    ctx.log(`http: one annotator in a campaign of ${largeSize} images, median loop ${summarise(largeRuns.flatMap(loopTimes)).median.toFixed(1)} ms`);

    const closed: Record<number, { http: number[]; sql: number[]; latest: LoadResult }> = {};
    const singleLoops: number[] = loopTimes(single);
    const sqlSingle: number[] = [];
    for (const level of levels) {
      closed[level] = { http: [], sql: [], latest: single };
      for (let repeat = 0; repeat < ctx.repeats; repeat++) {
        const result = await driveHotPath(setup, setup.annotators.slice(0, level), seconds);
        closed[level].http.push(result.loopsPerSecond);
        closed[level].latest = result;
        if (level === 1) singleLoops.push(...loopTimes(result));
        const sql = await bareSqlLoops(url, baselineCampaign, userIds.slice(0, level), seconds);
        closed[level].sql.push(sql.loopsPerSecond);
        if (level === 1) sqlSingle.push(...sql.latencies);
      }
      ctx.log(`http: ${level} annotators, ${summarise(closed[level].http).median.toFixed(1)} loops/s (bare SQL ${summarise(closed[level].sql).median.toFixed(0)})`);
    }
    const open: LoadResult[] = [];
    for (let repeat = 0; repeat < ctx.repeats; repeat++) open.push(await driveHotPath(setup, setup.annotators, seconds, rate));
    const openLatencies = open.flatMap(allRequests);
    const openP95 = summarise(openLatencies).p95;
    // Where the target rate is out of reach: the highest of a ladder of lower rates this server holds the target at.
    let heldRate = openP95 < 50 ? rate : 0;
    const ladder: LoadResult[] = [];
    if (heldRate === 0) {
      for (const step of [0.1, 0.2, 0.3, 0.4, 0.6, 0.8].map((share) => Math.round(rate * share))) {
        const run = await driveHotPath(setup, setup.annotators, seconds, step);
        ladder.push(run);
        if (summarise(allRequests(run)).p95 >= 50) break;
        heldRate = step;
      }
    }
    // The same pace and connections on a request that does nothing: what Next.js alone costs here.
    const floorCpuBefore = server.cpuSeconds();
    const floorClosed = await driveStaticFloor(server.url, 10, seconds);
    const floorCpuMs = ((server.cpuSeconds() - floorCpuBefore) * 1000) / Math.max(1, floorClosed.latencies.length);
    const floorOpen: number[] = [];
    const floorReached: number[] = [];
    let floorFailures = floorClosed.failures;
    for (let repeat = 0; repeat < ctx.repeats; repeat++) {
      const run = await driveStaticFloor(server.url, setup.annotators.length, seconds, rate);
      floorOpen.push(...run.latencies);
      floorReached.push(run.requestsPerSecond);
      floorFailures += run.failures;
    }
    ctx.log(`http: the static floor serves ${floorClosed.requestsPerSecond.toFixed(0)} req/s on 10 connections (${floorCpuMs.toFixed(1)} ms CPU each); at ${rate} req/s its p95 is ${summarise(floorOpen).p95.toFixed(1)} ms`);
    // Signed in and refused right after the session check: the least a loop's two requests cost the
    // machine (the app server, PostgreSQL for the session's user, the load generator), whatever the hot path's own work.
    const signedIn = {} as Record<"submit" | "items", CpuCost>;
    for (const step of ["submit", "items"] as const) {
      const stepCpu = cpuMeter(server);
      const run = await driveSignedInFloor(setup, setup.annotators[0]!, step, 10, seconds);
      if (run.failures > 0) throw new Error(`The signed-in floor's ${step} requests were not refused as expected (${run.failures} of ${run.requests}).`);
      signedIn[step] = stepCpu(run.requests, 2);
    }
    const floorCpuMsPerLoop = Object.values(signedIn).reduce((sum, cost) => sum + cost.server + cost.postgres + cost.generator, 0);
    const loopsPerSecondAtFloor = Math.round((os.availableParallelism() * 1000) / floorCpuMsPerLoop);
    ctx.log(`http: a loop of two signed-in requests refused at once costs ${floorCpuMsPerLoop.toFixed(1)} ms of CPU (${JSON.stringify(signedIn)}): at most ${loopsPerSecondAtFloor} loops/s on ${os.availableParallelism()} cores, before any work of the hot path's own`);
    const over = await overAssigned(url, setup.campaignId);
    if (over > 0) throw new Error(`${over} images were handed to more annotators than the campaign asks for.`);
    const failures = [single, ...largeRuns, ...Object.values(closed).map((level) => level.latest), ...open, ...ladder].reduce((sum, result) => sum + result.failures, 0);
    ctx.log(`http: open loop at ${rate} req/s reached ${summarise(open.map((result) => result.requestsPerSecond)).median.toFixed(0)} req/s, p95 ${openP95.toFixed(1)} ms; p95 < 50 ms up to ${heldRate} req/s`);

    const measures: Measure[] = [
      {
        name: "loop-1-annotator",
        unit: "ms",
        measured: { what: `one annotator: submit action (answers with the next held images) + GET /api/labeling/<campaign>/items of the new one, over loopback against next start (${images.toLocaleString("en")} images)`, samples: singleLoops },
        baseline: { what: "one connection: the bare-SQL claim + decision insert (one statement) on the same database", samples: sqlSingle },
        notes: {
          perRequest: perRequest(single),
          transactionsPerLoop: Math.round(transactionsPerLoop * 10) / 10,
          serverCpuMsPerLoop: loopCpu.server,
          postgresCpuMsPerLoop: loopCpu.postgres,
          loadGeneratorCpuMsPerLoop: loopCpu.generator,
          pageRender: page.latencies.length === 0 ? null : { medianMs: summarise(page.latencies).median, p95Ms: summarise(page.latencies).p95, bytes: page.bytes, failures: page.failures },
        },
      },
      {
        name: `loop-1-annotator-${largeSize}`,
        unit: "ms",
        measured: { what: `the same annotator's submit → items loop in a campaign of ${largeSize.toLocaleString("en")} images`, samples: largeRuns.flatMap(loopTimes) },
        baseline: { what: `the same loop in the campaign of ${images.toLocaleString("en")} images, same run`, samples: singleLoops },
        // "The same latency with 50,000 and with 1.3M images" (issue 11), within the machine's noise.
        targetRatio: 1.5,
        notes: { perRequest: perRequest(largeRuns.at(-1)!) },
      },
      ...levels.filter((level) => level > 1).map((level): Measure => ({
        name: `closed-loop-${level}`,
        unit: "per-second",
        measured: { what: `${level} annotators looping as fast as the server answers: loops per second (2 requests each)`, samples: closed[level]!.http },
        baseline: { what: `${level} connections looping the bare-SQL claim + decision insert: loops per second`, samples: closed[level]!.sql },
        notes: { perRequest: perRequest(closed[level]!.latest) },
      })),
      {
        name: `open-loop-${rate}`,
        unit: "ms",
        measured: { what: `every request's latency with ${setup.annotators.length} annotators paced evenly to ${rate} requests/s in total (a loop held up by the one before it counts the wait)`, samples: openLatencies },
        baseline: { what: "one connection: the bare-SQL claim + decision insert", samples: sqlSingle },
        notes: {
          p95TargetMs: 50,
          p95TargetMet: openP95 < 50,
          reachedRequestsPerSecond: Math.round(summarise(open.map((result) => result.requestsPerSecond)).median),
          p95Under50MsUpToRequestsPerSecond: heldRate,
          perRequest: perRequest(open.at(-1)!),
          failedRequests: failures,
          failureSamples: [single, ...Object.values(closed).map((level) => level.latest), ...open].flatMap((result) => result.failureSamples).slice(0, 3),
          overAssignedImages: over,
        },
      },
      {
        name: `floor-open-loop-${rate}`,
        unit: "ms",
        measured: { what: `GET /robots.txt (a static file through Next.js and the proxy: no session, no database) from ${setup.annotators.length} connections paced evenly to ${rate} requests/s in total, what any request costs before the app does anything`, samples: floorOpen },
        baseline: { what: "one connection: the bare-SQL claim + decision insert", samples: sqlSingle },
        notes: {
          p95Ms: summarise(floorOpen).p95,
          reachedRequestsPerSecond: Math.round(summarise(floorReached).median),
          closedLoop10RequestsPerSecond: Math.round(floorClosed.requestsPerSecond),
          serverCpuMsPerRequest: Math.round(floorCpuMs * 10) / 10,
          failedRequests: floorFailures,
          signedInRefusedCpuMsPerRequest: signedIn,
          signedInRefusedCpuMsPerLoop: Math.round(floorCpuMsPerLoop * 10) / 10,
          loopsPerSecondAtMostBeforeTheHotPathsOwnWork: loopsPerSecondAtFloor,
        },
      },
    ];
    return measures;
  } finally {
    await db.$disconnect();
    await server.stop();
  }
}

export const httpBenchmark: Benchmark = {
  name: "http",
  what: "Labeling hot path over HTTP: submit → items, closed and open loop (issue 11, item 3)",
  startsApp: true,
  run: measure,
};
