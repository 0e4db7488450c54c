import { type Command, Option } from "commander";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { recordImport } from "@/lib/import/audit";
import { IMPORT_KINDS, type ImportOptions } from "@/lib/import/kinds";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { importRequestSchema } from "@/lib/validation/import";
import { DEFAULT_DATASET } from "@/lib/datasets";
import type { ImportContext, ImportSummary } from "@/lib/import/run/context";
import { refreshSuspectScoresOf } from "@/lib/suspects/store";
import { withDatabase } from "@/scripts/cli/with-database";

export function registerImportCommands(program: Command) {
  const importCommand = program.command("import").description("Import data into a dataset (idempotent: re-running replaces that source).");
  for (const kind of IMPORT_KINDS) {
    const command = importCommand
      .command(`${kind.name} <path>`)
      .description(kind.description)
      .option("--dataset <slug>", "dataset the data belongs to", DEFAULT_DATASET)
      .option("--json", "print the summaries as a JSON array")
      .option("--dry-run", "validate everything, the database's constraints included, then roll back: nothing is written");
    for (const option of kind.options ?? []) {
      const cli = new Option(option.flags, option.description);
      command.addOption(option.choices ? cli.choices(option.choices) : cli);
    }
    command.action(async (rawPath: string, cliOptions: ImportOptions) => {
      const { dataset, json, dryRun, ...options } = cliOptions;
      // The same schema as the web form; only the import roots do not apply (the CLI reads with the user's own permissions).
      const parsed = importRequestSchema.safeParse({ kind: kind.name, path: rawPath, dataset, options });
      if (!parsed.success) {
        const problems = Object.entries(fieldErrorsOf(parsed.error)).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
        throw new ExpectedError(`Invalid import: ${problems.join("; ")}`);
      }
      const request = parsed.data;
      await withDatabase(async ({ url }) => {
        // In this process, as the CLI runs imports: a script waits for its answer, and needs no worker.
        const ctx: ImportContext = { url, dataset: request.dataset, dryRun: dryRun === true, onProgress: json ? undefined : (step) => console.error(`… ${step}`) };
        const summaries = [await kind.run(ctx, request.path, request.options as ImportOptions)].flat();
        if (!dryRun) {
          const db = createDb(url);
          try {
            // Audited as the import job audits it, with no user (as every CLI change).
            await recordImport(db, { userId: null, dataset: request.dataset, kind: kind.name, path: request.path, summaries });
            // Whatever was imported may change the stored suspect scores (the import job queues this refresh instead).
            await refreshSuspectScoresOf(db, request.dataset);
          } finally {
            await db.$disconnect();
          }
        }
        if (json) console.log(JSON.stringify(summaries));
        else {
          if (dryRun) console.log("Valid. Importing would store:");
          for (const summary of summaries) console.log(describe(summary));
        }
      });
    });
  }
}

function describe(summary: ImportSummary): string {
  const extra = summary.notInDataset ? ` (${summary.notInDataset} rows name images outside the dataset)` : "";
  return `${summary.kind}${summary.source ? ` → source "${summary.source}"` : ""}: ${summary.stored} rows from ${summary.file}${extra}`;
}
