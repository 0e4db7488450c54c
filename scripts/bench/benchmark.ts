/**
 * The contract every benchmark module fulfils. A module measures one hot path and, in the same run
 * on the same machine, the floor PostgreSQL (or the platform) sets for it; the harness repeats,
 * summarises and reports both, so the ratio survives a noisy machine where absolute times do not.
 */

/** What the harness lends a module for one run. */
export interface BenchContext {
  /** Small sizes and a single repeat: keeps the harness working, says nothing about speed. */
  quick: boolean;
  /** How many times each measure is taken (1 in quick mode). */
  repeats: number;
  /** Folder holding the published data (RELABEL_SHARED_DATA or ../shared/data). */
  sharedData: string;
  /** A new, migrated, empty database on the bench's server; returns its connection string. */
  freshDatabase(label: string): Promise<string>;
  log(line: string): void;
}

/** One measure's raw samples; the harness computes every statistic from them. */
export interface Samples {
  what: string;
  /** One value per repeat, in `unit`. */
  samples: number[];
}

export interface Measure {
  /** Unique within its benchmark: "bundle", "claim-100k". */
  name: string;
  unit: "ms" | "per-second";
  measured: Samples;
  /** Measured in the same run; the figure the ratio divides by. */
  baseline: Samples;
  /** The ratio (measured ÷ baseline for times, baseline ÷ measured for rates) must stay at or under this. */
  targetRatio?: number;
  /** Anything worth keeping next to the figures (row counts, RSS, sizes). */
  notes?: Record<string, unknown>;
}

export interface Benchmark {
  /** What `npm run bench -- <name>` selects. */
  name: string;
  what: string;
  /** Builds and starts the app (minutes): run when named or in a full run, left out of --quick. */
  startsApp?: boolean;
  run(ctx: BenchContext): Promise<Measure[]>;
}
