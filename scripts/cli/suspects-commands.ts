import type { Command } from "commander";
import { createDb } from "@/lib/db";
import { DEFAULT_DATASET, requireDatasetId } from "@/lib/datasets";
import { computeSuspectScores } from "@/lib/suspects/compute";
import { rankAgainstCorrections } from "@/lib/suspects/evaluate";
import { refreshSuspectScores } from "@/lib/suspects/store";
import { withDatabase } from "@/scripts/cli/with-database";

export function registerSuspectsCommands(program: Command) {
  program
    .command("suspects")
    .description("Rank images by how suspect their original label is; --evaluate compares the top 5% with the corrections of a study the score did not see.")
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--top <n>", "how many images to print", "20")
    .option("--evaluate <source>", "leave this study out of the score and measure precision/recall of the top 5% against its corrections")
    .option("--refresh", "recompute and store every image's score (what the review queue and image browser read); prints { images, ms }")
    .option("--json", "print JSON")
    .action(async (options: { dataset: string; top: string; evaluate?: string; refresh?: boolean; json?: boolean }) => {
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const datasetId = await requireDatasetId(db, options.dataset);
          if (options.refresh) {
            const refreshed = await refreshSuspectScores(db, datasetId);
            console.log(options.json ? JSON.stringify(refreshed) : `suspect scores stored for ${refreshed.images} images (${refreshed.ms} ms)`);
            return;
          }
          if (options.evaluate) {
            const full = await rankAgainstCorrections(db, datasetId, options.evaluate, []);
            const heldOut = await rankAgainstCorrections(db, datasetId, options.evaluate, [options.evaluate]);
            console.log(JSON.stringify({ source: options.evaluate, withSource: full, sourceLeftOut: heldOut }, null, options.json ? undefined : 2));
            return;
          }
          const ranked = (await computeSuspectScores(db, datasetId)).slice(0, Number(options.top) || 20);
          if (options.json) console.log(JSON.stringify(ranked));
          else for (const r of ranked) console.log(`${r.score.toFixed(3)}  ${r.fileKey}  ${JSON.stringify(r.parts)}`);
        } finally {
          await db.$disconnect();
        }
      });
    });
}
