import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ImportError } from "@/lib/import/import-error";
import { findImportKind, type ImportOptions } from "@/lib/import/kinds";
import { BundleReads } from "@/lib/import/load/bundle-reads";
import { notifyingCopyHandoffs } from "@/lib/import/load/handoff";
import { inTransaction } from "@/lib/import/load/transaction";
import type { ImportContext, ImportSummary } from "@/lib/import/run/context";

export const SAMPLES_DATASET = "imagenet-samples";

type Locate = (relative: string) => string | undefined;

interface BundleStep {
  /** Path inside the bundle folder; the step runs only when it exists. */
  file: string;
  /** An import kind of the registry (lib/import/kinds.ts): the bundle has no importers of its own. */
  kind: string;
  options?: (at: Locate) => ImportOptions;
  /** Another dataset than the bundle's. */
  dataset?: string;
  /** The path is a folder: import each file in it ending so, one after another. */
  each?: string;
}

/**
 * Every file Relabel recognises in a folder laid out like the published data, in dependency
 * order: the taxonomy, then the original labels (which define the images and the class-folder
 * order of .npy files), then everything that attaches to images.
 */
const STEPS: BundleStep[] = [
  { file: "imagenet-classes/class_info.json", kind: "classes" },
  { file: "clip-classnames/openai_imagenet_classes.json", kind: "openai-names" },
  { file: "flaws-of-imagenet/modified_classnames.txt", kind: "modified-names" },
  { file: "flaws-of-imagenet/clusters.json", kind: "clusters" },
  { file: "imagenet-classes/imagenet-validation-original.json", kind: "original" },
  { file: "imagenet-val-images", kind: "images" },
  // One training-style image per class, kept in a dataset of its own: examples shown next to candidates.
  { file: "imagenet-sample-images", kind: "images", dataset: SAMPLES_DATASET, options: () => ({ datasetName: "ImageNet sample images (one per class)" }) },
  { file: "real/real.json", kind: "real", options: (at) => ({ scores: at("real/scores.npz") }) },
  { file: "label-errors/imagenet_mturk.json", kind: "northcutt", options: () => ({ rule: "majority" }) },
  { file: "flaws-of-imagenet/multilabel.csv", kind: "multilabel" },
  { file: "flaws-of-imagenet/finegrained.csv", kind: "tsipras" },
  { file: "flaws-of-imagenet/clean_validation.csv", kind: "flaws-clean" },
  { file: "flaws-of-imagenet/356_357_358_359.json", kind: "experts" },
  { file: "imagenet-mistakes", kind: "mistakes", each: "_mistakes.json" },
  { file: "model-predictions/imagenetv2-validation-original", kind: "predictions", each: ".npy" },
  {
    file: "label-errors/imagenet_val_set_pyx_argmax_predicted_labels.npy",
    kind: "predictions",
    options: () => ({ name: "model:cleanlab-cv", title: "cleanlab cross-validated ResNet-50 (top-1)" }),
  },
];

/** The registry kinds the bundle runs, in order (checked by a test: a renamed kind must not break the bundle silently). */
export const bundleStepKinds = (): string[] => STEPS.map((step) => step.kind);

/** One file of a step: the step's kind from the registry on that file, in its own transaction. */
interface BundleUnit {
  step: BundleStep;
  file: string;
  /** Reported when the unit starts: the step's position, on its first file. */
  progress?: string;
}

/** The step on one file or (each) on every matching file in turn. */
const filesOf = (step: BundleStep, file: string) =>
  step.each ? readdirSync(file).filter((entry) => entry.endsWith(step.each!)).sort().map((entry) => path.join(file, entry)) : [file];

async function runUnit(ctx: ImportContext, { step, file }: BundleUnit, at: Locate): Promise<ImportSummary[]> {
  const kind = findImportKind(step.kind);
  if (!kind) throw new Error(`The bundle names an import kind the registry lacks: ${step.kind}`);
  const stepCtx = step.dataset ? { ...ctx, dataset: step.dataset } : ctx;
  return [await kind.run(stepCtx, file, step.options?.(at) ?? {})].flat();
}

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
  const shared = { ...ctx, reads: new BundleReads() };
  if (ctx.dryRun && !ctx.client) {
    return inTransaction(ctx.url, (client) => runSteps({ ...shared, client, dryRun: false }, at), { dryRun: true, signal: ctx.signal });
  }
  return runSteps(shared, at);
}

/**
 * At most this many units hold what they read while they wait for the ones before them to commit.
 * The two image folders read in a moment and then wait on the original labels' commit: had ReaL
 * behind them waited for their COPY, its parse (a second and more) would have run with the
 * database idle.
 */
const MAX_WAITING_UNITS = 3;

/**
 * Runs the units in order, each in its own transaction, reading the next one's file while the
 * one before it writes: a unit starts once the previous one waits for its turn (while fewer than
 * MAX_WAITING_UNITS wait), has sent all its COPY data or finished, and writes only after the
 * previous one committed (its turn). A failure stops the
 * run there, so the units that committed are always the ones before the first failure, as when
 * they ran one after another.
 */
async function runSteps(ctx: ImportContext, at: Locate): Promise<ImportSummary[]> {
  const present = STEPS.flatMap((step) => {
    const file = at(step.file);
    return file ? [{ step, file }] : [];
  });
  const units = present.flatMap(({ step, file }, position): BundleUnit[] =>
    filesOf(step, file).map((one, index) => ({ step, file: one, progress: index === 0 ? `[${position + 1}/${present.length}] ${step.file}` : undefined })),
  );
  const started: Promise<ImportSummary[]>[] = [];
  let failed = false;
  let previous: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  for (const unit of units) {
    if (failed || ctx.signal?.aborted) break;
    if (unit.progress) ctx.onProgress?.(unit.progress);
    let handedOff!: () => void;
    const mayStartNext = new Promise<void>((resolve) => (handedOff = resolve));
    const before = previous;
    const turn = async () => {
      // Read and waiting to write: the next unit may read meanwhile, while few enough hold their rows.
      if (++waiting < MAX_WAITING_UNITS) handedOff();
      try {
        await before;
      } finally {
        waiting--;
      }
    };
    const running = notifyingCopyHandoffs(handedOff, () => runUnit({ ...ctx, turn }, unit, at));
    // Handled here, reported below in order: the first failure is the one the caller sees.
    running.catch(() => (failed = true)).finally(handedOff);
    started.push(running);
    previous = running;
    await mayStartNext;
  }
  const settled = await Promise.allSettled(started);
  const failure = settled.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  ctx.signal?.throwIfAborted();
  return settled.flatMap((result) => (result.status === "fulfilled" ? result.value : []));
}
