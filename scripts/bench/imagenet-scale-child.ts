/**
 * The importing process of the imagenet-scale benchmark: imports a synthetic dataset written by
 * synthetic-imagenet.ts through the import registry, then prints what it stored and its own peak
 * RSS (getrusage's maxrss, the kernel's VmHWM) as one JSON line. Usage: <database url> <folder> <dataset>.
 */
import path from "node:path";
import { findImportKind, type ImportOptions } from "@/lib/import/kinds";
import type { ImportSummary } from "@/lib/import/run/context";
import { SYNTHETIC_MODELS } from "./synthetic-imagenet";

const [url, folder, dataset] = process.argv.slice(2) as [string, string, string];
const STEPS: [kind: string, file: string, options?: ImportOptions][] = [
  ["classes", "class_info.json"],
  ["original", "original.csv"],
  ["images", "test/images.txt", { inspect: false }],
  ["real", "real.json"],
  ["multilabel", "multilabel.csv"],
  ["tsipras", "finegrained.csv"],
  ["flaws-clean", "clean_validation.csv"],
  ...SYNTHETIC_MODELS.map((model): [string, string, ImportOptions] => ["predictions", `predictions/${model}.jsonl`, { name: `model:${model}` }]),
];

async function main() {
  const summaries: ImportSummary[] = [];
  for (const [kind, file, options] of STEPS) summaries.push(...[await findImportKind(kind)!.run({ url, dataset }, path.join(folder, file), options ?? {})].flat());
  const stored = summaries.reduce((total, summary) => total + summary.stored, 0);
  console.log(JSON.stringify({ stored, peakRssKiB: process.resourceUsage().maxRSS }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
