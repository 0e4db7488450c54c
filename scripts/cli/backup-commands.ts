import path from "node:path";
import type { Command } from "commander";
import { writeBackup } from "@/lib/backup/backup";
import { restoreBackup } from "@/lib/backup/restore";
import { openDatabase } from "@/lib/db/local-database";
import { migrate } from "@/lib/db/migrate";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";

/** `relabel backup` and `relabel restore`: the whole database (Relabel's tables and the job queue's) in one file. */
export function registerBackupCommands(program: Command) {
  program
    .command("backup")
    .description("Write the whole database (every table, the job queue included) to one file, as a consistent snapshot.")
    .requiredOption("--out <file>", "backup file to write (gzip)")
    .option("--json", "print a JSON summary")
    .action(async (options: { out: string; json?: boolean }) => {
      const database = await openDatabase();
      try {
        const summary = await writeBackup(database.url, path.resolve(options.out));
        console.log(options.json ? JSON.stringify(summary) : `backup: ${summary.rows} rows of ${summary.tables} tables → ${summary.file}`);
      } finally {
        await database.release();
      }
    });

  program
    .command("restore <file>")
    .description("Load a backup into the configured database, in one transaction; refuses a database that holds any row unless --force.")
    .option("--force", "replace everything the database holds")
    .option("--json", "print a JSON summary")
    .action(async (file: string, options: { force?: boolean; json?: boolean }) => {
      const database = await openDatabase();
      try {
        await migrate(database.url);
        await ensureQueueSchema(database.url);
        const summary = await restoreBackup(database.url, path.resolve(file), { force: options.force });
        console.log(options.json ? JSON.stringify(summary) : `restore: ${summary.rows} rows into ${summary.tables} tables${summary.replaced ? ` (replaced ${summary.replaced} rows)` : ""}`);
      } finally {
        await database.release();
      }
    });
}
