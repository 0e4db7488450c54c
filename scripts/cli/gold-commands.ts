import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { markGoldAnswers, markGoldFromSource } from "@/lib/gold/mark";
import { getGoldReport } from "@/lib/gold/report";
import { parseGoldFile } from "@/lib/validation/gold";
import { parseId } from "@/lib/validation/route-params";
import { withDatabase } from "@/scripts/cli/with-database";

const percent = (value: number | null) => (value === null ? "–" : `${(value * 100).toFixed(1)}%`);

/** `relabel gold mark` and `relabel gold report`. */
export function registerGoldCommands(program: Command) {
  const gold = program.command("gold").description("Gold images: known answers that score annotators.");
  gold
    .command("mark")
    .description("Make images gold, with a source's verdict (optionally only where another source agrees) or the answers of a JSONL file; prints { marked }.")
    .option("--from-source <name>", "take each image's answer from this label source's verdict (e.g. real)")
    .option("--agrees-with <name>", "with --from-source: only images where this source gives the same class set (e.g. original)")
    .option("--limit <n>", "with --from-source: at most this many images, in file order")
    .option("--file <file>", 'JSONL, one image a line: {"file": "ILSVRC2012_val_00000001.JPEG", "classes": [65], "ambiguity"?: …, "outsideLabels"?: […]}')
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--json", "print one JSON object")
    .action(async (options: { fromSource?: string; agreesWith?: string; limit?: string; file?: string; dataset: string; json?: boolean }) => {
      if (Boolean(options.fromSource) === Boolean(options.file)) throw new ExpectedError("Give either --from-source or --file.");
      if (options.agreesWith && !options.fromSource) throw new ExpectedError("--agrees-with goes with --from-source.");
      const limit = options.limit === undefined ? undefined : parseId(options.limit);
      if (limit === null) throw new ExpectedError("--limit takes a positive whole number.");
      const entries = options.file ? parseGoldFile(await readFile(options.file, "utf8")) : null;
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const dataset = await db.dataset.findUnique({ where: { slug: options.dataset }, select: { id: true } });
          if (!dataset) throw new ExpectedError(`No dataset "${options.dataset}".`);
          const summary = entries
            ? await markGoldAnswers(db, { datasetId: dataset.id, entries, createdById: null })
            : await markGoldFromSource(db, { datasetId: dataset.id, source: options.fromSource!, agreesWith: options.agreesWith, limit, createdById: null });
          console.log(options.json ? JSON.stringify(summary) : `${summary.marked} images marked gold`);
        } finally {
          await db.$disconnect();
        }
      });
    });
  gold
    .command("report")
    .description("Each member's gold accuracy in a campaign (exact outcome and Jaccard), with the images missed.")
    .requiredOption("--campaign <id>", "campaign id")
    .option("--json", "print one JSON object (stable format, see README)")
    .action(async (options: { campaign: string; json?: boolean }) => {
      const campaignId = parseId(options.campaign);
      if (campaignId === null) throw new ExpectedError("--campaign takes a campaign id (a positive whole number).");
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const report = await getGoldReport(db, campaignId);
          if (!report) throw new ExpectedError("That campaign was not found.");
          if (options.json) return console.log(JSON.stringify(report));
          console.log(`campaign ${report.campaign}: ${report.goldImages} gold images (share ${percent(report.goldShare)})`);
          for (const row of report.annotators) {
            console.log(`  ${row.email}  ${row.answers} answers  exact ${percent(row.exact)}  Jaccard ${percent(row.jaccard)}${row.paused ? "  PAUSED" : ""}`);
            for (const miss of row.missed) console.log(`    missed ${miss.file}: [${miss.answer.classes.join(", ")}] for [${miss.gold.classes.join(", ")}]`);
          }
        } finally {
          await db.$disconnect();
        }
      });
    });
}
