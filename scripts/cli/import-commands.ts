import type { Command } from "commander";
import { DEFAULT_DATASET, type ImportContext, type ImportSummary } from "@/lib/import/run/context";
import { importImageFolder, setImageUrlTemplate } from "@/lib/import/run/image-imports";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import { importOriginalLabels, importReal } from "@/lib/import/run/label-imports";
import { importClassClusters, importClassNames, importClasses } from "@/lib/import/run/taxonomy-imports";
import { withDatabase } from "@/scripts/cli/with-database";

type Runner = (ctx: ImportContext, path: string, options: Record<string, string | boolean | undefined>) => Promise<ImportSummary | ImportSummary[]>;

interface ImportKind {
  name: string;
  description: string;
  run: Runner;
  options?: [flags: string, description: string][];
}

const KINDS: ImportKind[] = [
  { name: "imagenet", description: "every known file in a folder laid out like the published data", run: (ctx, path) => importImagenetBundle(ctx, path) },
  { name: "classes", description: "class_info.json or LOC_synset_mapping.txt", run: (ctx, path) => importClasses(ctx, path) },
  { name: "openai-names", description: "OpenAI's CLIP class names (JSON array)", run: (ctx, path) => importClassNames(ctx, path, "openai") },
  { name: "modified-names", description: "'Flaws of ImageNet' modified_classnames.txt", run: (ctx, path) => importClassNames(ctx, path, "modified") },
  { name: "clusters", description: "'Flaws of ImageNet' clusters.json (problematic class groups)", run: (ctx, path) => importClassClusters(ctx, path) },
  { name: "original", description: "imagenet-validation-original.json or a file,class CSV", run: (ctx, path) => importOriginalLabels(ctx, path) },
  {
    name: "images",
    description: "an image folder (flat or per class), or --url-template for object storage",
    options: [["--no-inspect", "record names and sizes only (fast on millions of files)"], ["--url-template", "treat the path as a URL template containing {file}"]],
    run: (ctx, path, options) => (options.urlTemplate ? setImageUrlTemplate(ctx, path) : importImageFolder(ctx, path, { inspect: options.inspect !== false })),
  },
  {
    name: "real",
    description: "ReaL real.json",
    options: [["--scores <file>", "ReaL scores.npz (Dawid-Skene estimates)"]],
    run: (ctx, path, options) => importReal(ctx, path, options.scores as string | undefined),
  },
];

export function registerImportCommands(program: Command) {
  const importCommand = program.command("import").description("Import data into a dataset (idempotent: re-running replaces that source).");
  for (const kind of KINDS) {
    const command = importCommand
      .command(`${kind.name} <path>`)
      .description(kind.description)
      .option("--dataset <slug>", "dataset the data belongs to", DEFAULT_DATASET)
      .option("--json", "print the summary as JSON");
    for (const [flags, description] of kind.options ?? []) command.option(flags, description);
    command.action(async (path: string, options: Record<string, string | boolean | undefined>) => {
      await withDatabase(async ({ url }) => {
        const ctx: ImportContext = { url, dataset: String(options.dataset), onProgress: options.json ? undefined : (step) => console.error(`… ${step}`) };
        const result = await kind.run(ctx, path, options);
        const summaries = Array.isArray(result) ? result : [result];
        if (options.json) console.log(JSON.stringify(summaries));
        else for (const summary of summaries) console.log(describe(summary));
      });
    });
  }
}

function describe(summary: ImportSummary): string {
  const extra = summary.notInDataset ? ` (${summary.notInDataset} rows name images outside the dataset)` : "";
  return `${summary.kind}${summary.source ? ` → source "${summary.source}"` : ""}: ${summary.stored} rows from ${summary.file}${extra}`;
}
