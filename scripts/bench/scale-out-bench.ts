import { createDb } from "@/lib/db";
import { type AppServer, newSecret, startAppServer } from "./app-server";
import type { Benchmark, BenchContext, Measure } from "./benchmark";
import { driveHotPath, overAssigned, seedHotPath } from "./hot-path";
import { summarise } from "./stats";

/**
 * The hot path of the http benchmark with one app server, then two on the same database (each
 * `scripts/start.ts`: next start and a worker), annotators split between them as a load balancer
 * would. The load generator shares the machine's cores with both servers and PostgreSQL.
 */
async function measure(ctx: BenchContext): Promise<Measure[]> {
  const images = ctx.quick ? 1_000 : 50_000;
  const annotators = ctx.quick ? 2 : 50;
  const seconds = ctx.quick ? 2 : 5;
  const url = await ctx.freshDatabase("scale_out");
  const db = createDb(url);
  const secret = newSecret(); // shared, so a session signed by one server is valid on the other
  const servers: AppServer[] = [];
  try {
    // One after the other: the first builds the app when the sources changed, the second finds it built.
    servers.push(await startAppServer(url, secret, ctx.log));
    servers.push(await startAppServer(url, secret, ctx.log));
    const setup = await seedHotPath(db, servers.map((server) => server.url), images, annotators);
    const onFirst = setup.annotators.map((annotator) => ({ ...annotator, server: servers[0]!.url }));
    await driveHotPath(setup, setup.annotators, ctx.quick ? 1 : 3); // warm-up of both servers
    const one: number[] = [];
    const two: number[] = [];
    let failures = 0;
    for (let repeat = 0; repeat < ctx.repeats; repeat++) {
      const single = await driveHotPath(setup, onFirst, seconds);
      const pair = await driveHotPath(setup, setup.annotators, seconds);
      one.push(single.loopsPerSecond);
      two.push(pair.loopsPerSecond);
      failures += single.failures + pair.failures;
    }
    const over = await overAssigned(url, setup.campaignId);
    if (over > 0) throw new Error(`${over} images were handed to more annotators than the campaign asks for.`);
    ctx.log(`scale-out: ${summarise(one).median.toFixed(1)} loops/s on one server, ${summarise(two).median.toFixed(1)} on two`);
    return [
      {
        name: `two-servers-${annotators}`,
        unit: "per-second",
        measured: { what: `${annotators} annotators split over two app servers on one database: submit → items loops per second`, samples: two },
        baseline: { what: `the same ${annotators} annotators on one app server`, samples: one },
        notes: { failedRequests: failures, overAssignedImages: over, cpus: "load generator, both servers and PostgreSQL share the machine" },
      },
    ];
  } finally {
    await db.$disconnect();
    for (const server of servers) await server.stop();
  }
}

export const scaleOutBenchmark: Benchmark = {
  name: "scale-out",
  what: "The labeling hot path with two app servers on one database (issue 11, item 8)",
  startsApp: true,
  run: measure,
};
