import { existsSync } from "node:fs";
import path from "node:path";
import { ImportError } from "@/lib/import/import-error";
import type { ImportContext, ImportSummary } from "@/lib/import/run/context";
import { importImageFolder } from "@/lib/import/run/image-imports";
import { importOriginalLabels, importReal } from "@/lib/import/run/label-imports";
import { importClassClusters, importClassNames, importClasses } from "@/lib/import/run/taxonomy-imports";

interface BundleStep {
  /** Path inside the bundle folder; the step runs only when it exists. */
  file: string;
  run(ctx: ImportContext, file: string, at: (relative: string) => string | undefined): Promise<ImportSummary>;
}

/**
 * Every file Relabel recognises in a folder laid out like the published data
 * (`imagenet-classes/`, `real/`, `label-errors/`, `flaws-of-imagenet/`, ...), in dependency order:
 * the taxonomy first, then the original labels (which define the images), then everything else.
 */
const STEPS: BundleStep[] = [
  { file: "imagenet-classes/class_info.json", run: (ctx, file) => importClasses(ctx, file) },
  { file: "clip-classnames/openai_imagenet_classes.json", run: (ctx, file) => importClassNames(ctx, file, "openai") },
  { file: "flaws-of-imagenet/modified_classnames.txt", run: (ctx, file) => importClassNames(ctx, file, "modified") },
  { file: "flaws-of-imagenet/clusters.json", run: (ctx, file) => importClassClusters(ctx, file) },
  { file: "imagenet-classes/imagenet-validation-original.json", run: (ctx, file) => importOriginalLabels(ctx, file) },
  { file: "imagenet-val-images", run: (ctx, folder) => importImageFolder(ctx, folder) },
  { file: "real/real.json", run: (ctx, file, at) => importReal(ctx, file, at("real/scores.npz")) },
];

export async function importImagenetBundle(ctx: ImportContext, folder: string): Promise<ImportSummary[]> {
  if (!existsSync(folder)) throw new ImportError(folder, null, "No such folder.");
  const at = (relative: string) => {
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
    summaries.push(await step.run(ctx, file, at));
  }
  return summaries;
}
