import { type Command, Option } from "commander";
import { IMPORT_KINDS, type ImportOptions } from "@/lib/import/kinds";
import { DEFAULT_DATASET, type ImportContext, type ImportSummary } from "@/lib/import/run/context";
import { withDatabase } from "@/scripts/cli/with-database";

export function registerImportCommands(program: Command) {
  const importCommand = program.command("import").description("Import data into a dataset (idempotent: re-running replaces that source).");
  for (const kind of IMPORT_KINDS) {
    const command = importCommand
      .command(`${kind.name} <path>`)
      .description(kind.description)
      .option("--dataset <slug>", "dataset the data belongs to", DEFAULT_DATASET)
      .option("--json", "print the summaries as a JSON array");
    for (const option of kind.options ?? []) {
      const cli = new Option(option.flags, option.description);
      command.addOption(option.choices ? cli.choices(option.choices) : cli);
    }
    command.action(async (path: string, options: ImportOptions) => {
      await withDatabase(async ({ url }) => {
        const ctx: ImportContext = { url, dataset: String(options.dataset), onProgress: options.json ? undefined : (step) => console.error(`… ${step}`) };
        const summaries = [await kind.run(ctx, path, options)].flat();
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
