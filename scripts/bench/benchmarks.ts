import type { Benchmark } from "./benchmark";
import { browserBenchmark } from "./browser-bench";
import { claimBenchmark } from "./claim-bench";
import { classSearchBenchmark } from "./class-search-bench";
import { consensusBenchmark } from "./consensus-bench";
import { exportBenchmark } from "./export-bench";
import { hashingBenchmark } from "./hashing-bench";
import { httpBenchmark } from "./http-bench";
import { imagenetScaleBenchmark } from "./imagenet-scale-bench";
import { importBenchmark } from "./import-bench";
import { scaleOutBenchmark } from "./scale-out-bench";

/** Every benchmark `npm run bench` runs, in this order; a new one is one module and one line here. */
export const BENCHMARKS: readonly Benchmark[] = [
  importBenchmark, imagenetScaleBenchmark, claimBenchmark, consensusBenchmark, exportBenchmark, hashingBenchmark, classSearchBenchmark, browserBenchmark, httpBenchmark, scaleOutBenchmark,
];
