import type { ImportContext, ImportSummary } from "@/lib/import/run/context";
import { importImageFolder, setImageUrlTemplate } from "@/lib/import/run/image-imports";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import { importOriginalLabels, importReal } from "@/lib/import/run/label-imports";
import { importPredictions } from "@/lib/import/run/prediction-imports";
import {
  importCleanValidation,
  importFlawsCsv,
  importMistakes,
  importMultilabel,
  importNorthcutt,
  importTsipras,
  importWeaselExperts,
} from "@/lib/import/run/study-imports";
import { importClassClusters, importClassNames, importClasses } from "@/lib/import/run/taxonomy-imports";
import type { ImportKindName } from "@/lib/validation/import";

/** Options as parsed by the kind's schema in lib/validation/import.ts (IMPORT_OPTION_SCHEMAS), never raw input. */
export type ImportOptions = Record<string, string | boolean | undefined>;

export interface ImportOption {
  /** commander flags, e.g. "--rule <rule>"; the option's key is the camel-cased long name. */
  flags: string;
  description: string;
  choices?: string[];
}

export interface ImportKind {
  name: ImportKindName;
  description: string;
  /** What the path names: a file, a folder, or (images) also a URL template. */
  target: "file" | "folder";
  options?: ImportOption[];
  run(ctx: ImportContext, path: string, options: ImportOptions): Promise<ImportSummary | ImportSummary[]>;
}

/**
 * Every import Relabel offers; the CLI and the admin page are both built from this list, and each
 * kind's options are validated by its schema in IMPORT_OPTION_SCHEMAS (kinds.test.ts keeps the flags and the schemas in step).
 */
export const IMPORT_KINDS: ImportKind[] = [
  { name: "imagenet", target: "folder", description: "Every known file in a folder laid out like the published data", run: (ctx, path) => importImagenetBundle(ctx, path) },
  { name: "classes", target: "file", description: "Class list: class_info.json or LOC_synset_mapping.txt", run: (ctx, path) => importClasses(ctx, path) },
  { name: "openai-names", target: "file", description: "OpenAI's CLIP class names (JSON array)", run: (ctx, path) => importClassNames(ctx, path, "openai") },
  { name: "modified-names", target: "file", description: "'Flaws of ImageNet' modified_classnames.txt", run: (ctx, path) => importClassNames(ctx, path, "modified") },
  { name: "clusters", target: "file", description: "'Flaws of ImageNet' clusters.json (problematic class groups)", run: (ctx, path) => importClassClusters(ctx, path) },
  { name: "original", target: "file", description: "Original labels: imagenet-validation-original.json or a file,class CSV", run: (ctx, path) => importOriginalLabels(ctx, path) },
  {
    name: "images",
    target: "folder",
    description: "Image folder (flat or per class), a .txt listing of image paths in it, or a URL template with {file}",
    options: [
      { flags: "--no-inspect", description: "record names and sizes only (fast on millions of files)" },
      { flags: "--url-template", description: "the path is a URL template such as https://host/val/{file}" },
      { flags: "--dataset-name <name>", description: "display name of the dataset, when this import creates it" },
    ],
    run: (ctx, path, options) =>
      options.urlTemplate
        ? setImageUrlTemplate(ctx, path)
        : importImageFolder(ctx, path, { inspect: options.inspect !== false, datasetName: options.datasetName as string | undefined }),
  },
  {
    name: "real",
    target: "file",
    description: "ReaL real.json, optionally with its scores.npz",
    options: [{ flags: "--scores <file>", description: "ReaL scores.npz (Dawid-Skene estimates)" }],
    run: (ctx, path, options) => importReal(ctx, path, options.scores as string | undefined),
  },
  {
    name: "northcutt",
    target: "file",
    description: "Northcutt et al. imagenet_mturk.json (votes kept)",
    options: [{ flags: "--rule <rule>", description: "outcome rule: majority (≥3/5) or unanimous (5/5)", choices: ["majority", "unanimous"] }],
    run: (ctx, path, options) => importNorthcutt(ctx, path, options.rule === "unanimous" ? "unanimous" : "majority"),
  },
  { name: "multilabel", target: "file", description: "Shankar/Vasudevan multilabel.csv", run: (ctx, path) => importMultilabel(ctx, path) },
  { name: "tsipras", target: "file", description: "Tsipras et al. finegrained.csv", run: (ctx, path) => importTsipras(ctx, path) },
  { name: "flaws-clean", target: "file", description: "'Flaws of ImageNet' clean_validation.csv", run: (ctx, path) => importCleanValidation(ctx, path) },
  {
    name: "flaws-csv",
    target: "file",
    description: "Any 'Flaws of ImageNet' normalized CSV as a source of its own",
    options: [{ flags: "--name <name>", description: "source name (default flaws:<file name>)" }],
    run: (ctx, path, options) => importFlawsCsv(ctx, path, options.name as string | undefined),
  },
  { name: "mistakes", target: "file", description: "Vasudevan et al. *_mistakes.json (hints)", run: (ctx, path) => importMistakes(ctx, path) },
  { name: "experts", target: "file", description: "Weasel-family expert file 356_357_358_359.json (expert decisions)", run: (ctx, path) => importWeaselExperts(ctx, path) },
  {
    name: "predictions",
    target: "file",
    description: "Model predictions: .npy top-k (class-folder order), .csv (file,class,score) or .jsonl",
    options: [
      { flags: "--name <name>", description: "source name (default model:<file name>)" },
      { flags: "--title <title>", description: "display title" },
    ],
    run: (ctx, path, options) => importPredictions(ctx, path, { name: options.name as string | undefined, title: options.title as string | undefined }),
  },
];

/** What the import form shows of each kind (its run function stays on the server); `names` keeps some. */
export function importKindsForForm(names?: readonly string[]) {
  return IMPORT_KINDS.filter((kind) => !names || names.includes(kind.name)).map(({ name, description, target, options }) => ({ name, description, target, options: options ?? [] }));
}

export function findImportKind(name: string): ImportKind | undefined {
  return IMPORT_KINDS.find((kind) => kind.name === name);
}
