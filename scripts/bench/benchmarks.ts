import type { Benchmark } from "./benchmark";
import { browserBenchmark } from "./browser-bench";
import { claimBenchmark } from "./claim-bench";
import { consensusBenchmark } from "./consensus-bench";
import { importBenchmark } from "./import-bench";

/** Every benchmark `npm run bench` runs, in this order; a new one is one module and one line here. */
export const BENCHMARKS: readonly Benchmark[] = [importBenchmark, claimBenchmark, consensusBenchmark, browserBenchmark];
