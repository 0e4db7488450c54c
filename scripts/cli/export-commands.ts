import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { type Command, Option } from "commander";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { beginExport, describeExport, runRecordedExport } from "@/lib/export/jobs";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { cleanRuleSchema, EXPORT_FORMAT_NAMES, exportRequestSchema } from "@/lib/validation/export";
import { withDatabase } from "@/scripts/cli/with-database";

interface ExportOptions {
  format: string;
  out: string;
  campaign?: string;
  dataset?: string;
  json?: boolean;
  statuses?: string;
  minDecisions?: string;
  allowAmbiguous?: boolean;
  excludeMultilabel?: boolean;
  excludeDuplicates?: boolean;
}

export function registerExportCommands(program: Command) {
  program
    .command("export")
    .description("Write the consensus labels of a dataset or a campaign (streamed: any size in flat memory).")
    .addOption(new Option("--format <format>", "file format").choices(EXPORT_FORMAT_NAMES).makeOptionMandatory())
    .requiredOption("--out <file>", "where to write it; - for stdout")
    .option("--campaign <id>", "one campaign's consensus (default: the dataset-level consensus)")
    .option("--dataset <slug>", `dataset (default: ${DEFAULT_DATASET}, or the campaign's)`)
    .option("--statuses <list>", "clean-list: statuses that qualify, comma-separated", "agreed,resolved")
    .option("--min-decisions <n>", "clean-list: at least this many decisions", "1")
    .option("--allow-ambiguous", "clean-list: keep images whose consensus is ambiguous")
    .option("--exclude-multilabel", "clean-list: drop images with more than one label")
    .option("--exclude-duplicates", "clean-list: drop every member of a duplicate group")
    .option("--json", "print a JSON summary on stderr (stdout may hold the export)")
    .action(async (options: ExportOptions) => {
      const campaignId = options.campaign === undefined ? null : Number(options.campaign);
      const parsed = exportRequestSchema.safeParse({
        format: options.format,
        dataset: options.dataset ?? (campaignId === null ? DEFAULT_DATASET : null),
        campaignId,
        clean: cleanRuleSchema.parse({
          statuses: String(options.statuses).split(",").map((status) => status.trim().toUpperCase()),
          minDecisions: Number(options.minDecisions),
          excludeAmbiguous: !options.allowAmbiguous,
          excludeMultilabel: Boolean(options.excludeMultilabel),
          excludeDuplicates: Boolean(options.excludeDuplicates),
        }),
      });
      if (!parsed.success) throw new ExpectedError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const request = parsed.data;
          const begun = await beginExport(db, request, null, { out: options.out === "-" ? "stdout" : path.resolve(options.out) });
          const summary = options.out === "-" ? await toStdout(db, url, begun) : await toFile(db, url, begun, options.out);
          const report = { id: begun.id, format: request.format, dataset: begun.scope.dataset, campaign: begun.scope.campaignId, out: options.out, ...summary };
          console.error(options.json ? JSON.stringify(report) : `export ${begun.id}: ${describeExport(summary, begun.params)} → ${options.out}`);
        } finally {
          await db.$disconnect();
        }
      });
    });
}

type Begun = Awaited<ReturnType<typeof beginExport>>;

async function toFile(db: ReturnType<typeof createDb>, url: string, begun: Begun, out: string) {
  // Written beside the target and renamed at the end: an interrupted export never leaves a file that looks whole.
  const partial = `${out}.partial`;
  try {
    const summary = await runRecordedExport(db, url, begun, createWriteStream(partial));
    await rename(partial, out);
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function toStdout(db: ReturnType<typeof createDb>, url: string, begun: Begun) {
  // A closed pipe (`| head`) ends the export quietly instead of crashing on EPIPE.
  const controller = new AbortController();
  const onError = () => controller.abort();
  process.stdout.on("error", onError);
  try {
    return await runRecordedExport(db, url, begun, process.stdout, { signal: controller.signal });
  } finally {
    process.stdout.off("error", onError);
  }
}
