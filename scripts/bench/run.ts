/**
 * `npm run bench [-- <name>...] [--quick] [--repeats N] [--out DIR]`: every benchmark in
 * scripts/bench/benchmarks.ts against a PostgreSQL of its own (embedded, or the server DATABASE_URL
 * names), each figure beside a baseline measured in the same run. Writes results.json and
 * results.md (scripts/bench by default; quick runs go to .relabel/bench-quick so they never
 * replace real figures).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { adminQuery } from "@/lib/testing/postgres-admin";
import type { BenchContext } from "./benchmark";
import { BENCHMARKS } from "./benchmarks";
import { type BenchmarkResult, currentCommit, describeMachine, mergeResults, renderMarkdown, resultOf } from "./report";

const positive = (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError("a whole number of at least 1");
  return value;
};

const program = new Command("bench")
  .description("Measure Relabel's hot paths against baselines taken in the same run.")
  .argument("[names...]", `benchmarks to run (${BENCHMARKS.map((b) => b.name).join(", ")}); all when none is named`)
  .option("--quick", "small sizes and one repeat: checks the harness, measures nothing worth reading")
  .option("--repeats <n>", "how many times each measure is taken", positive, 5)
  .option("--out <dir>", "folder for results.json and results.md");

async function main() {
  program.parse();
  const names = program.args;
  const options = program.opts<{ quick?: boolean; repeats: number; out?: string }>();
  const unknown = names.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    console.error(`No benchmark named ${unknown.join(", ")}. There are: ${BENCHMARKS.map((b) => b.name).join(", ")}.`);
    process.exit(2);
  }
  const quick = options.quick ?? false;
  const selected = names.length > 0
    ? BENCHMARKS.filter((benchmark) => names.includes(benchmark.name))
    : BENCHMARKS.filter((benchmark) => !(quick && benchmark.startsApp));
  const repeats = quick ? 1 : options.repeats;
  const out = path.resolve(options.out ?? (quick ? ".relabel/bench-quick" : import.meta.dirname));

  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: `.relabel/bench-postgres-${process.pid}`, throwaway: true, password: randomBytes(18).toString("base64url") });
  const serverUrl = embedded?.url ?? process.env.DATABASE_URL!;
  const created: string[] = [];
  const ctx: BenchContext = {
    quick,
    repeats,
    sharedData: path.resolve(process.env.RELABEL_SHARED_DATA ?? "../shared/data"),
    log: (line) => console.error(`[bench] ${line}`),
    async freshDatabase(label) {
      const name = `bench_${process.pid}_${created.length}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
      await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      const url = withDatabase(serverUrl, name);
      await migrate(url);
      return url;
    },
  };
  try {
    const machine = await describeMachine(serverUrl);
    const commit = currentCommit();
    const fresh: BenchmarkResult[] = [];
    for (const benchmark of selected) {
      ctx.log(`${benchmark.name}: ${benchmark.what}`);
      fresh.push(resultOf(benchmark, await benchmark.run(ctx), { commit, quick, repeats }));
    }
    mkdirSync(out, { recursive: true });
    const jsonFile = path.join(out, "results.json");
    const results = mergeResults(jsonFile, machine, fresh);
    writeFileSync(jsonFile, JSON.stringify(results, null, 2) + "\n");
    writeFileSync(path.join(out, "results.md"), renderMarkdown(results));
    console.log(renderMarkdown({ ...results, benchmarks: fresh }));
  } finally {
    // On someone else's server, leave nothing behind; the embedded cluster goes as a whole.
    if (!embedded) for (const name of created) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
