/**
 * The Relabel command line's program, built afresh for each run: scripts/relabel.ts runs it on
 * process.argv, and the CLI tests also run it in the test's own process (lib/testing/run-cli.ts),
 * where a fresh Node, tsx and Prisma client per case cost seconds.
 */
import { Command } from "commander";
import { createDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/local-database";
import { ExpectedError } from "@/lib/errors";
import { ImportError } from "@/lib/import/import-error";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { getDatasetStats } from "@/lib/stats/dataset-stats";
import { formatStats } from "@/scripts/cli/format-stats";
import { withDatabase } from "@/scripts/cli/with-database";

type Registration = () => Promise<(program: Command) => void>;
const rounds: Registration = async () => (await import("@/scripts/cli/round-commands")).registerRoundCommands;
const evaluation: Registration = async () => (await import("@/scripts/cli/evaluation-commands")).registerEvaluationCommands;
const backup: Registration = async () => (await import("@/scripts/cli/backup-commands")).registerBackupCommands;

/**
 * The module of each command, loaded only for the command that runs: each pulls in its own heavy
 * dependencies (importers, exporters, sharp), and a script calls the CLI many times. Help and
 * unknown commands load them all, in this order.
 */
const COMMANDS: Record<string, Registration> = {
  user: async () => (await import("@/scripts/cli/user-commands")).registerUserCommands,
  import: async () => (await import("@/scripts/cli/import-commands")).registerImportCommands,
  agreement: async () => (await import("@/scripts/cli/agreement-commands")).registerAgreementCommands,
  export: async () => (await import("@/scripts/cli/export-commands")).registerExportCommands,
  decisions: rounds,
  campaign: rounds,
  evaluate: evaluation,
  report: evaluation,
  consensus: async () => (await import("@/scripts/cli/consensus-commands")).registerConsensusCommands,
  duplicates: async () => (await import("@/scripts/cli/duplicates-commands")).registerDuplicatesCommands,
  suspects: async () => (await import("@/scripts/cli/suspects-commands")).registerSuspectsCommands,
  gold: async () => (await import("@/scripts/cli/gold-commands")).registerGoldCommands,
  backup,
  restore: backup,
};

/** The program for a run whose first argument is `command`: only that command's module is loaded. */
export async function createProgram(command: string | undefined): Promise<Command> {
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

  const named = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command]! : null;
  for (const register of await Promise.all((named ? [named] : [...new Set(Object.values(COMMANDS))]).map((load) => load()))) register(program);

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
  return program;
}

/** What a failed command prints on stderr: an expected error as one line, anything else with its stack. */
export function reportCliError(error: unknown): void {
  if (error instanceof ImportError || error instanceof ExpectedError) {
    console.error(`relabel: ${error.message}`);
  } else {
    console.error("relabel: unexpected error:", error);
  }
}
