import { type Command, Option } from "commander";
import { publishDatasetConsensus } from "@/lib/consensus/publish";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";
import { withDatabase } from "@/scripts/cli/with-database";

const RULES: Record<string, ConsensusRule> = { unanimous: "UNANIMOUS", majority: "MAJORITY", "dawid-skene": "DAWID_SKENE" };

interface ConsensusOptions {
  campaign: string;
  rule?: string;
  quorum?: string;
  publish?: boolean;
  json?: boolean;
}

/** `relabel consensus`: recompute a campaign's consensus (storing a new rule first when given). */
export function registerConsensusCommands(program: Command) {
  program
    .command("consensus")
    .description("Recompute a campaign's consensus; with --rule/--quorum store that rule first. Resolved images are kept.")
    .requiredOption("--campaign <id>", "campaign id")
    .addOption(new Option("--rule <rule>", "consensus rule to store").choices(Object.keys(RULES)))
    .option("--quorum <q>", "majority quorum: decisions that must include an outcome (default: more than half)")
    .option("--publish", "then publish the dataset-level consensus as the label source \"consensus\"")
    .option("--json", "print one JSON object (stable format, see README)")
    .action(async (options: ConsensusOptions) => {
      const campaignId = Number(options.campaign);
      if (!Number.isInteger(campaignId) || campaignId <= 0) throw new ExpectedError("--campaign takes a campaign id (a positive whole number).");
      const quorum = options.quorum === undefined ? null : Number(options.quorum);
      if (quorum !== null && (!Number.isInteger(quorum) || quorum < 1)) throw new ExpectedError("--quorum takes a whole number of at least 1.");
      const ruleName = options.rule ?? (quorum !== null ? "majority" : undefined);
      if (quorum !== null && ruleName !== "majority") throw new ExpectedError("--quorum applies to the majority rule only.");
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const summary = await recomputeCampaign(db, campaignId, {
            rule: ruleName ? { rule: RULES[ruleName]!, quorum } : undefined,
            actorId: null,
            onProgress: options.json ? undefined : ({ done, total }) => total > 0 && console.error(`… ${done}/${total} rows written`),
          });
          const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { datasetId: true } });
          const published = options.publish ? await publishDatasetConsensus(db, campaign.datasetId) : undefined;
          const { changed, ...stable } = summary;
          if (options.json) console.log(JSON.stringify({ ...stable, changed, ...(published ? { published } : {}) }));
          else {
            const b = summary.byStatus;
            console.log(`campaign ${summary.campaign} (${summary.rule}): ${summary.images} images, ${changed} rows changed in ${summary.ms} ms`);
            console.log(`  agreed ${b.agreed} · disagreed ${b.disagreed} · resolved ${b.resolved} · excluded ${b.excluded} · in progress ${b.inProgress} · unlabeled ${b.unlabeled}`);
            if (published) console.log(`  published source "${published.source}" version ${published.version}: ${published.images} images`);
          }
        } finally {
          await db.$disconnect();
        }
      });
    });
}
