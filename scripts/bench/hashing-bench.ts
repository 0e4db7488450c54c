import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { fingerprintImage } from "@/lib/duplicates/hashes";
import type { Benchmark, BenchContext, Measure } from "./benchmark";

/**
 * Perceptual hashing (lib/duplicates: decode, pixel hash, pHash and dHash of the image and its
 * mirror) in images per second on one core, over the demo's validation images and their derived
 * duplicates repeated, vs sharp decoding the same files and doing nothing else. The files are
 * read into memory first, so the disk is not what is measured; libvips gets one thread, so the
 * figure is per core (a scan runs one such worker per core).
 */

const DEMO_IMAGES = path.resolve(import.meta.dirname, "../../prisma/demo/imagenet-val-images");

async function loadImages(limit: number): Promise<Buffer[]> {
  const names = readdirSync(DEMO_IMAGES).filter((name) => /\.(jpe?g|png)$/i.test(name)).sort();
  const files = await Promise.all(names.map((name) => readFile(path.join(DEMO_IMAGES, name))));
  return Array.from({ length: limit }, (_, i) => files[i % files.length]!);
}

async function rate(files: Buffer[], work: (file: Buffer) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (const file of files) await work(file);
  return files.length / ((performance.now() - started) / 1000);
}

const decodeOnly = (file: Buffer) => sharp(file, { failOn: "error" }).rotate().removeAlpha().toColourspace("srgb").raw().toBuffer();

async function measure(ctx: BenchContext): Promise<Measure[]> {
  const count = ctx.quick ? 10 : 1_000;
  const files = await loadImages(count);
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  const cache = sharp.cache();
  // Repeated files would otherwise come out of libvips' operation cache.
  sharp.cache(false);
  const hashed: number[] = [];
  const decoded: number[] = [];
  try {
    for (let repeat = 0; repeat < ctx.repeats; repeat++) {
      decoded.push(await rate(files, decodeOnly));
      hashed.push(await rate(files, fingerprintImage));
      ctx.log(`hashing: ${count} images, ${Math.round(hashed.at(-1)!)} images/s vs decode-only ${Math.round(decoded.at(-1)!)} images/s`);
    }
  } finally {
    sharp.concurrency(threads);
    sharp.cache(cache.memory.max > 0 ? { memory: cache.memory.max, files: cache.files.max, items: cache.items.max } : false);
  }
  const megapixels = (await Promise.all(files.slice(0, 100).map((file) => sharp(file).metadata()))).reduce((sum, m) => sum + (m.width ?? 0) * (m.height ?? 0), 0) / Math.min(100, files.length) / 1e6;
  return [
    {
      name: `phash-${count}`,
      unit: "per-second",
      measured: { what: `fingerprintImage (pixel hash, pHash and dHash of image and mirror) over ${count} demo images, one libvips thread`, samples: hashed },
      baseline: { what: "sharp decoding the same files to raw RGB, nothing else, one libvips thread", samples: decoded },
      notes: { images: count, distinctFiles: new Set(files).size, meanMegapixels: Math.round(megapixels * 100) / 100, plannedImages: 1_431_167 },
    },
  ];
}

export const hashingBenchmark: Benchmark = {
  name: "hashing",
  what: "Perceptual hashing images/s per core vs sharp decode-only of the same files",
  run: measure,
};
