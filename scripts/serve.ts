/**
 * `npm run serve`: the web server only, for a team: any number of these behind a load balancer
 * and any number of `npm run worker` elsewhere, all on one DATABASE_URL. Uses the build made by
 * `npm run build` (build once, copy the folder everywhere). Migrates the database first unless
 * RELABEL_MIGRATE=0 (then run `npm run serve` once with migrations, or `npm start`, per release).
 * SIGTERM (or SIGINT, SIGHUP) drains: next stops accepting connections and finishes the requests in flight.
 *
 *   DATABASE_URL, NEXTAUTH_SECRET, NEXTAUTH_URL   required
 *   PORT (3000), HOST (0.0.0.0), RELABEL_DRAIN_SECONDS (30)
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";
import { logFormat } from "@/lib/log";
import { onStopSignal, root, spawnNext, stopChild, takeOverSignals } from "@/scripts/processes";

const log = (line: string) => console.log(`[relabel] ${line}`);

async function main() {
  takeOverSignals();
  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL"]) {
    if (!process.env[name]) throw new Error(`${name} is not set; npm run serve is for a shared database (on one machine, use npm start).`);
  }
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("There is no build yet; run npm run build once, then npm run serve.");
  const url = process.env.DATABASE_URL!;
  if (process.env.RELABEL_MIGRATE !== "0") {
    const applied = await migrate(url);
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  }
  await ensureQueueSchema(url);

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  // Its output is piped through here: it logs as this process would (lib/log.ts).
  const server = spawnNext(port, host, { ...process.env, RELABEL_LOG_FORMAT: logFormat() });
  server.stdout!.pipe(process.stdout);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("stopping: finishing the requests in flight…");
    await stopChild(server, Number(process.env.RELABEL_DRAIN_SECONDS ?? 30) * 1000);
    process.exit(0);
  };
  onStopSignal(() => void stop());
  server.on("exit", (code) => {
    if (!stopping) console.error(`[relabel] The web server exited unexpectedly (code ${code ?? "none"}).`);
    process.exit(stopping ? 0 : (code ?? 1));
  });
}

main().catch((error) => {
  console.error(`[relabel] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
