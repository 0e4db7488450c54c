import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, inject, it } from "vitest";
import { BENCHMARKS } from "./benchmarks";
import type { Results } from "./report";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const out = mkdtempSync(path.join(tmpdir(), "relabel-bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const summaryShape = {
  median: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number),
  min: expect.any(Number), max: expect.any(Number), count: expect.any(Number),
};

// Keeps the harness working; the figures of a quick run on a busy machine mean nothing, so none is checked.
it("npm run bench -- --quick writes a well-formed results.json and results.md for every benchmark", { timeout: 300_000 }, async () => {
  await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/run.ts", "--quick", "--out", out], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: inject("postgresUrl") },
  });
  const results = JSON.parse(readFileSync(path.join(out, "results.json"), "utf8")) as Results;
  expect(results.machine).toEqual({
    cpus: expect.any(Number), cpuModel: expect.any(String), memoryGiB: expect.any(Number),
    node: process.version, postgres: expect.stringMatching(/^\d+/), platform: expect.any(String),
  });
  // Quick mode runs every benchmark that does not start the app.
  expect(results.benchmarks.map((benchmark) => benchmark.name)).toEqual(BENCHMARKS.filter((benchmark) => !benchmark.startsApp).map((benchmark) => benchmark.name));
  expect(results.benchmarks.length).toBeGreaterThanOrEqual(3);
  for (const benchmark of results.benchmarks) {
    expect(benchmark).toMatchObject({ quick: true, repeats: 1, commit: expect.stringMatching(/^([0-9a-f]{12}(\+dirty)?|unknown)$/) });
    expect(benchmark.measures.length).toBeGreaterThan(0);
    for (const measure of benchmark.measures) {
      expect(measure.stats).toEqual(summaryShape);
      expect(measure.baseline.stats).toEqual(summaryShape);
      expect(measure.stats.min).toBeLessThanOrEqual(measure.stats.median);
      expect(measure.stats.median).toBeLessThanOrEqual(measure.stats.max);
      expect(measure.ratio).toBeGreaterThan(0);
      expect(Number.isFinite(measure.ratio)).toBe(true);
    }
  }
  const table = readFileSync(path.join(out, "results.md"), "utf8");
  expect(table).toContain(`PostgreSQL ${results.machine.postgres}`);
  expect(table).toMatch(/\| import \(quick\) \| bundle \|/);
  expect(table).toMatch(/\| claim \(quick\) \|/);
});

it("refuses a benchmark name it does not know, naming the ones there are", { timeout: 60_000 }, async () => {
  const failure = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/run.ts", "--quick", "--out", out, "no-such-bench"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: inject("postgresUrl") },
  }).catch((error: { code: number; stderr: string }) => error);
  expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining(`There are: ${BENCHMARKS.map((benchmark) => benchmark.name).join(", ")}.`) });
});
