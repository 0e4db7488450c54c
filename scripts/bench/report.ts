import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import type { Benchmark, Measure } from "./benchmark";
import { type Summary, ratioOf, summarise } from "./stats";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  platform: string;
}

export interface MeasureResult {
  name: string;
  unit: Measure["unit"];
  what: string;
  stats: Summary;
  baseline: { what: string; stats: Summary };
  ratio: number;
  targetRatio: number | null;
  targetMet: boolean | null;
  notes: Record<string, unknown>;
}

export interface BenchmarkResult {
  name: string;
  what: string;
  measuredAt: string;
  commit: string;
  quick: boolean;
  repeats: number;
  measures: MeasureResult[];
}

export interface Results {
  /** When the file was last written; each benchmark carries its own time and commit. */
  measuredAt: string;
  machine: Machine;
  benchmarks: BenchmarkResult[];
}

export async function describeMachine(url: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      postgres: rows[0]!.server_version,
      platform: `${os.platform()} ${os.release()}`,
    };
  } finally {
    await client.end();
  }
}

/** The commit measured, marked "+dirty" when the tree had changes (the figures are not that commit's). */
export function currentCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8" }).trim();
    // The results files are this harness's own output: a run after another one is not "dirty" for them.
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!scripts/bench/results.json", ":!scripts/bench/results.md"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return "unknown";
  }
}

const round = (value: number) => Number(value.toFixed(value >= 100 ? 0 : 2));
const roundSummary = (summary: Summary): Summary =>
  Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, round(value)])) as unknown as Summary;

export function resultOf(benchmark: Benchmark, measures: Measure[], run: { commit: string; quick: boolean; repeats: number }): BenchmarkResult {
  return {
    name: benchmark.name,
    what: benchmark.what,
    measuredAt: new Date().toISOString(),
    ...run,
    measures: measures.map((measure) => {
      const ratio = Number(ratioOf(measure).toFixed(2));
      return {
        name: measure.name,
        unit: measure.unit,
        what: measure.measured.what,
        stats: roundSummary(summarise(measure.measured.samples)),
        baseline: { what: measure.baseline.what, stats: roundSummary(summarise(measure.baseline.samples)) },
        ratio,
        targetRatio: measure.targetRatio ?? null,
        targetMet: measure.targetRatio === undefined ? null : ratio <= measure.targetRatio,
        notes: measure.notes ?? {},
      };
    }),
  };
}

/**
 * Running one benchmark by name replaces only its own entry: the others keep their figures (and
 * say from which commit and time they come). A file in an older layout is started afresh.
 */
export function mergeResults(file: string, machine: Machine, fresh: BenchmarkResult[]): Results {
  let kept: BenchmarkResult[] = [];
  if (existsSync(file)) {
    const previous = JSON.parse(readFileSync(file, "utf8")) as Partial<Results>;
    if (Array.isArray(previous.benchmarks)) kept = previous.benchmarks.filter((old) => !fresh.some((run) => run.name === old.name));
  }
  return { measuredAt: new Date().toISOString(), machine, benchmarks: [...kept, ...fresh] };
}

const cell = (value: number, unit: Measure["unit"]) => `${value}${unit === "ms" ? " ms" : "/s"}`;

export function renderMarkdown(results: Results): string {
  const { machine } = results;
  const lines = [
    "# Benchmark results",
    "",
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, ${machine.platform}.`,
    "",
    "Ratio = median ÷ the baseline's median measured in the same run (for rates, baseline ÷ median): 1.0 is as fast as the baseline, higher is slower.",
    "",
    "| benchmark | measure | median | p95 | p99 | min | max | baseline median | ratio | target | commit |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const benchmark of results.benchmarks) {
    for (const measure of benchmark.measures) {
      const { stats, unit } = measure;
      const target = measure.targetRatio === null ? "" : `≤ ${measure.targetRatio}× ${measure.targetMet ? "met" : "**not met**"}`;
      lines.push(
        `| ${benchmark.name}${benchmark.quick ? " (quick)" : ""} | ${measure.name} | ${cell(stats.median, unit)} | ${cell(stats.p95, unit)} | ${cell(stats.p99, unit)} | ${cell(stats.min, unit)} | ${cell(stats.max, unit)} | ${cell(measure.baseline.stats.median, unit)} | ${measure.ratio}× | ${target} | ${benchmark.commit} |`,
      );
    }
  }
  lines.push("", "What each measure and baseline is:", "");
  for (const benchmark of results.benchmarks) {
    for (const measure of benchmark.measures) {
      lines.push(`- **${benchmark.name} / ${measure.name}** (${measure.stats.count} runs, ${benchmark.measuredAt}): ${measure.what}. Baseline: ${measure.baseline.what}.`);
    }
  }
  return lines.join("\n") + "\n";
}
