import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import type { Benchmark, BenchContext, Measure } from "./benchmark";
import { rawCopy } from "./import-bench";
import { IMAGENET_SIZES, writeSyntheticImagenet } from "./synthetic-imagenet";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const QUICK_FRACTION = 0.002;

/** 10%, 50% and 100%, or the sizes IMAGENET_SCALE_FRACTIONS lists (`0.05,0.1`: a loaded machine cannot afford the whole). */
function fractions(): number[] {
  const listed = process.env.IMAGENET_SCALE_FRACTIONS?.split(",").map(Number) ?? [0.1, 0.5, 1];
  if (listed.some((fraction) => !(fraction > 0 && fraction <= 1))) throw new Error("IMAGENET_SCALE_FRACTIONS lists fractions of ImageNet in (0, 1], e.g. 0.05,0.1.");
  return listed;
}

/** Imports in a process of its own, so its peak RSS is the importer's alone. */
async function importInChild(url: string, folder: string): Promise<{ ms: number; peakRssKiB: number }> {
  const started = performance.now();
  const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/imagenet-scale-child.ts", url, folder, "imagenet-synthetic"], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { peakRssKiB: number };
  return { ms, peakRssKiB: report.peakRssKiB };
}

async function measure(ctx: BenchContext): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const fraction of ctx.quick ? [QUICK_FRACTION] : fractions()) {
    const folder = mkdtempSync(path.join(tmpdir(), "relabel-imagenet-scale-"));
    try {
      const counts = await writeSyntheticImagenet(folder, fraction);
      const imports: number[] = [];
      const copies: number[] = [];
      const peaks: number[] = [];
      let rows = 0;
      for (let repeat = 0; repeat < ctx.repeats; repeat++) {
        const url = await ctx.freshDatabase(`scale_${Math.round(fraction * 1000)}_${repeat}`);
        const child = await importInChild(url, folder);
        imports.push(child.ms);
        peaks.push(child.peakRssKiB);
        const copy = await rawCopy(url);
        copies.push(copy.ms);
        rows = copy.rows;
        ctx.log(`imagenet-scale ${fraction * 100}% run ${repeat + 1}/${ctx.repeats}: ${Math.round(child.ms)} ms, ${rows} rows, peak RSS ${Math.round(child.peakRssKiB / 1024)} MiB; raw COPY ${Math.round(copy.ms)} ms`);
      }
      const median = [...imports].sort((a, b) => a - b)[Math.floor(imports.length / 2)]!;
      measures.push({
        name: `import-${fraction * 100}%`,
        unit: "ms",
        measured: {
          what: `${counts.train} training, ${counts.val} validation and ${counts.test} test images of a synthetic ImageNet: original labels, four studies on validation, top-5 of three models on every image, imported by a child process (tsx start-up included)`,
          samples: imports,
        },
        baseline: { what: `COPY FROM STDIN of the ${rows} rows it stored into indexed copies of the same tables`, samples: copies },
        notes: {
          fraction,
          images: counts.train + counts.val + counts.test,
          rows,
          rowsPerSecond: Math.round(rows / (median / 1000)),
          // Linear time keeps this constant from 10% to 100%.
          microsecondsPerRow: Math.round((median * 1000) / rows * 10) / 10,
          peakRssMiB: Math.round(Math.max(...peaks) / 1024),
          targetWholeMs: 300_000,
        },
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return measures;
}

export const imagenetScaleBenchmark: Benchmark = {
  name: "imagenet-scale",
  what: `Import of a synthetic ImageNet-1k (${IMAGENET_SIZES.train} train, ${IMAGENET_SIZES.val} val, ${IMAGENET_SIZES.test} test images) at 10%, 50% and 100%: time, rows/s, peak RSS (issue 11, item 2)`,
  run: measure,
};
