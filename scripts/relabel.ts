/**
 * The Relabel command line: `npm run relabel -- <command>`. A public interface: commands,
 * options and JSON outputs are documented in the README and kept stable.
 */
import { Command } from "commander";
import { createDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/local-database";
import { ExpectedError } from "@/lib/errors";
import { ImportError } from "@/lib/import/import-error";
import { DEFAULT_DATASET } from "@/lib/import/run/context";
import { getDatasetStats } from "@/lib/stats/dataset-stats";
import { formatStats } from "@/scripts/cli/format-stats";
import { registerAgreementCommands } from "@/scripts/cli/agreement-commands";
import { registerExportCommands } from "@/scripts/cli/export-commands";
import { registerEvaluationCommands } from "@/scripts/cli/evaluation-commands";
import { registerConsensusCommands } from "@/scripts/cli/consensus-commands";
import { registerImportCommands } from "@/scripts/cli/import-commands";
import { registerRoundCommands } from "@/scripts/cli/round-commands";
import { registerUserCommands } from "@/scripts/cli/user-commands";
import { registerDuplicatesCommands } from "@/scripts/cli/duplicates-commands";
import { registerSuspectsCommands } from "@/scripts/cli/suspects-commands";
import { withDatabase } from "@/scripts/cli/with-database";

const program = new Command("relabel").description("Relabel: expert re-labeling of image-classification datasets.");

program
  .command("migrate")
  .description("Apply pending database migrations.")
  .action(async () => {
    const database = await openDatabase();
    try {
      const applied = await migrate(database.url);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
    } finally {
      await database.release();
    }
  });

registerUserCommands(program);
registerImportCommands(program);
registerAgreementCommands(program);
registerExportCommands(program);
registerRoundCommands(program);
registerEvaluationCommands(program);
registerConsensusCommands(program);
registerDuplicatesCommands(program);
registerSuspectsCommands(program);

program
  .command("stats")
  .description("What a dataset holds: images, every source's coverage, and how the four label studies overlap.")
  .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
  .option("--json", "print one JSON object (stable format, see README)")
  .action(async (options: { dataset: string; json?: boolean }) => {
    await withDatabase(async ({ url }) => {
      const db = createDb(url);
      try {
        const stats = await getDatasetStats(db, options.dataset);
        if (!stats) throw new ExpectedError(`No dataset "${options.dataset}". Import one with: npm run relabel -- import imagenet <folder>`);
        console.log(options.json ? JSON.stringify(stats) : formatStats(stats));
      } finally {
        await db.$disconnect();
      }
    });
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ImportError || error instanceof ExpectedError) {
    console.error(`relabel: ${error.message}`);
  } else {
    console.error("relabel: unexpected error:", error);
  }
  process.exit(1);
});
