import type { Command } from "commander";
import { createDb } from "@/lib/db";
import { DEFAULT_THRESHOLD, checkThreshold } from "@/lib/duplicates/grouping";
import { importDuplicateList } from "@/lib/duplicates/import-list";
import { scanImageHashes } from "@/lib/duplicates/scan";
import { groupDuplicates, listGroupSummaries } from "@/lib/duplicates/store-groups";
import { refreshSuspectScoresOf } from "@/lib/suspects/store";
import { ExpectedError } from "@/lib/errors";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { withDatabase } from "@/scripts/cli/with-database";

function parseThreshold(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new ExpectedError(`The threshold is a whole number of bits from 0 to 64; got "${value}".`);
  return Number(value);
}

export function registerDuplicatesCommands(program: Command) {
  const duplicates = program.command("duplicates").description("Find exact and near-duplicate images, or import lists of them.");
  duplicates
    .command("scan")
    .description("Hash every image not hashed yet, then regroup duplicates (reviewed and imported groups are kept).")
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--threshold <bits>", "largest pHash Hamming distance of a near duplicate (0..64)", String(DEFAULT_THRESHOLD))
    .option("--json", "print one JSON object: { images, hashed, failed, groups: [{ id, kind, members }], ms }")
    .action(async (options: { dataset: string; threshold: string; json?: boolean }) => {
      const threshold = checkThreshold(parseThreshold(options.threshold));
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const started = Date.now();
          const scan = await scanImageHashes(db, { dataset: options.dataset }, {
            onProgress: options.json ? undefined : ({ done, total }) => console.error(`… hashed ${done} of ${total}`),
          });
          await groupDuplicates(db, { dataset: options.dataset, threshold });
          await refreshSuspectScoresOf(db, options.dataset);
          const groups = await listGroupSummaries(db, options.dataset);
          const result = { images: scan.images, hashed: scan.hashed, failed: scan.failed, groups, ms: Date.now() - started };
          if (options.json) console.log(JSON.stringify(result));
          else {
            for (const failure of scan.failed) console.error(`could not decode ${failure.file}: ${failure.error}`);
            console.log(`${scan.hashed} of ${scan.images} images hashed now; ${groups.length} duplicate groups (${result.ms} ms)`);
          }
        } finally {
          await db.$disconnect();
        }
      });
    });
  duplicates
    .command("import <file>")
    .description("Import a CSV of `group,file` rows or of `file_a,file_b,kind` pairs as duplicate groups (all or nothing).")
    .option("--dataset <slug>", "dataset", DEFAULT_DATASET)
    .option("--json", "print { groups } as JSON")
    .action(async (file: string, options: { dataset: string; json?: boolean }) => {
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const groups = await importDuplicateList(db, { dataset: options.dataset, file });
          await refreshSuspectScoresOf(db, options.dataset);
          console.log(options.json ? JSON.stringify({ groups }) : `${groups} duplicate groups imported from ${file}`);
        } finally {
          await db.$disconnect();
        }
      });
    });
}
