import type { Command } from "commander";
import type { AgreementReport } from "@/lib/agreement/campaign-report";
import { loadCampaignAgreement } from "@/lib/agreement/load-campaign-agreement";
import { createDb } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { parseId } from "@/lib/validation/route-params";
import { withDatabase } from "@/scripts/cli/with-database";

/** The stable JSON of `relabel agreement --json` (documented in the README); the report holds more. */
export function agreementJson(report: AgreementReport) {
  return {
    campaign: report.campaign,
    images: report.images,
    decisions: report.decisions,
    percentAgreement: report.percentAgreement,
    cohenKappa: { mean: report.cohenKappa.mean, pairs: report.cohenKappa.pairs.map(({ a, b, n, kappa }) => ({ a, b, n, kappa })) },
    fleissKappa: { n: report.fleissKappa.n, kappa: report.fleissKappa.kappa },
    krippendorffAlpha: { nominal: report.krippendorffAlpha.nominal, masi: report.krippendorffAlpha.masi, jaccard: report.krippendorffAlpha.jaccard },
    perClass: report.perClass,
    perAnnotator: report.perAnnotator,
  };
}

const figure = (value: number | null) => (value === null ? "–" : value.toFixed(3));

function formatAgreement(name: string, report: AgreementReport): string {
  const lines = [`campaign ${report.campaign} "${name}": ${report.decisions} decisions, ${report.images} images with ≥ 2 decisions`];
  if (report.images === 0) return [...lines, "no image has two decisions yet: agreement needs at least two annotators per image"].join("\n");
  lines.push(
    `  percent agreement (pairwise)  ${figure(report.percentAgreement)}`,
    `  Cohen's κ, mean of pairs      ${figure(report.cohenKappa.mean)}`,
    `  Fleiss' κ (k = ${report.fleissKappa.k}, ${report.fleissKappa.n} images) ${figure(report.fleissKappa.kappa)}`,
    `  Krippendorff's α  nominal ${figure(report.krippendorffAlpha.nominal)}  MASI ${figure(report.krippendorffAlpha.masi)}  Jaccard ${figure(report.krippendorffAlpha.jaccard)}`,
    "",
    "pairs (Cohen's κ on the images both labeled):",
    ...report.cohenKappa.pairs.map((pair) => `  ${pair.a}  ${pair.b}  n=${pair.n}  κ=${figure(pair.kappa)}`),
  );
  return lines.join("\n");
}

export function registerAgreementCommands(program: Command) {
  program
    .command("agreement")
    .description("Inter-annotator agreement of a campaign: percent agreement, Cohen's and Fleiss' κ, Krippendorff's α, per class and per annotator.")
    .requiredOption("--campaign <id>", "campaign id")
    .option("--json", "print one JSON object (stable format, see README)")
    .action(async (options: { campaign: string; json?: boolean }) => {
      const campaignId = parseId(options.campaign);
      if (campaignId === null) throw new ExpectedError(`--campaign takes a campaign id (a positive integer), not "${options.campaign}".`);
      await withDatabase(async ({ url }) => {
        const db = createDb(url);
        try {
          const loaded = await loadCampaignAgreement(db, campaignId);
          if (!loaded) throw new ExpectedError(`No campaign ${campaignId}.`);
          console.log(options.json ? JSON.stringify(agreementJson(loaded.report)) : formatAgreement(loaded.name, loaded.report));
        } finally {
          await db.$disconnect();
        }
      });
    });
}
