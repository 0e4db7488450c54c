import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createClassSearchIndex } from "@/lib/labeling/class-search";
import { makeClass } from "@/lib/labeling/class-fixtures";
import type { Benchmark, BenchContext, Measure } from "./benchmark";

/**
 * The labeling screen's class search (`/` on the workbench: every keystroke ranks the 1,000
 * classes by name, other names, wnid and index) per query, vs a bare case-insensitive substring
 * filter over the same names in the same run: the least any search over the list must do.
 */

const CLASS_INFO = path.resolve(import.meta.dirname, "../../prisma/demo/imagenet-classes/class_info.json");
const QUERIES = ["c", "cr", "cra", "crane", "tabby cat", "fer", "lap top", "n0144", "500", "zzz", "golden ret", "so ri"];

function perQueryMs(rounds: number, search: (query: string) => unknown): number {
  for (const query of QUERIES) search(query); // warm the JIT
  const started = performance.now();
  for (let round = 0; round < rounds; round++) for (const query of QUERIES) search(query);
  return (performance.now() - started) / (rounds * QUERIES.length);
}

async function measure(ctx: BenchContext): Promise<Measure[]> {
  const raw = JSON.parse(readFileSync(CLASS_INFO, "utf8")) as { cid: number; wnid: string; synset: string[]; gloss: string }[];
  const classes = raw.map((c) => makeClass(c.cid, c.synset[0]!, { wnid: c.wnid, lemmas: c.synset, gloss: c.gloss }));
  const index = createClassSearchIndex(classes);
  const names = classes.map((c) => c.lemmas.join(" ").toLowerCase());
  const rounds = ctx.quick ? 5 : 200;
  const searched: number[] = [];
  const filtered: number[] = [];
  for (let repeat = 0; repeat < ctx.repeats; repeat++) {
    filtered.push(perQueryMs(rounds, (query) => names.filter((name) => name.includes(query.toLowerCase()))));
    searched.push(perQueryMs(rounds, (query) => index.search(query)));
    ctx.log(`class search: ${searched.at(-1)!.toFixed(3)} ms per query vs substring filter ${filtered.at(-1)!.toFixed(3)} ms`);
  }
  return [
    {
      name: `query-${classes.length}-classes`,
      unit: "ms",
      measured: { what: `createClassSearchIndex(…).search over the published ${classes.length} classes, ${QUERIES.length} queries, ${rounds} rounds`, samples: searched },
      baseline: { what: "Array.filter of a substring over the same classes' names, same queries", samples: filtered },
      notes: { classes: classes.length, queries: QUERIES },
    },
  ];
}

export const classSearchBenchmark: Benchmark = {
  name: "class-search",
  what: "The workbench's class search per query vs a bare substring filter over the same 1,000 names",
  run: measure,
};
