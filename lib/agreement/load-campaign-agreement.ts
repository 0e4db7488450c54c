import { type AgreementReport, computeAgreementReport } from "@/lib/agreement/campaign-report";
import { verdictOutcome } from "@/lib/agreement/outcome-values";
import { notGold } from "@/lib/consensus/consensus-sql";
import type { Db } from "@/lib/db";
import { queryJsonRows } from "@/lib/db/json-rows";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AmbiguityReason, VerdictStatus } from "@/lib/generated/prisma/enums";

export interface CampaignAgreement {
  name: string;
  report: AgreementReport;
  /** Titles of the prior studies compared against, by source name. */
  sourceTitles: Record<string, string>;
}

// Prisma stores empty lists, but the columns are nullable arrays: the queries coalesce so rows always hold arrays.
// Sources whose verdicts annotators are compared with: the original label and the published studies.
// Models are predictions, not raters; consensus sources are this product's own output.
const REFERENCE_KINDS = ["ORIGINAL", "STUDY"];

type OutcomeRow = { image_id: number; classes: number[]; ambiguity: AmbiguityReason | null; outside_labels: string[] };
const toOutcome = (row: OutcomeRow): DecisionOutcome => ({
  classes: [...new Set(row.classes)].sort((a, b) => a - b),
  ambiguity: row.ambiguity,
  candidateClasses: [],
  outsideLabels: [...new Set(row.outside_labels.map((label) => label.toLowerCase()))].sort(),
});

/**
 * Loads a campaign's annotator decisions, consensus outcomes and the prior studies' verdicts on its
 * images in five set-based queries (no query per image), and computes the report. Gold images are
 * left out, as from the consensus (see readDecisions). Null for no such campaign.
 */
export async function loadCampaignAgreement(db: Db, campaignId: number): Promise<CampaignAgreement | null> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, name: true, annotatorsPerImage: true, datasetId: true } });
  if (!campaign) return null;
  const [decisions, consensus, verdicts, groups] = await Promise.all([
    // The two bulk reads (a row per decision, a row per verdict) come back as JSON: several times faster to decode.
    queryJsonRows<OutcomeRow & { email: string }>(db, Prisma.sql`
      SELECT d.image_id, u.email, coalesce(d.classes, '{}') AS classes, d.ambiguity, coalesce(d.outside_labels, '{}') AS outside_labels
      FROM decisions d JOIN users u ON u.id = d.user_id
      WHERE d.campaign_id = ${campaignId} AND ${notGold(campaignId, Prisma.sql`d.image_id`)}`),
    db.$queryRaw<OutcomeRow[]>`
      SELECT image_id, coalesce(classes, '{}') AS classes, ambiguity, coalesce(outside_labels, '{}') AS outside_labels FROM consensus
      WHERE campaign_id = ${campaignId} AND status IN ('AGREED', 'RESOLVED')`,
    queryJsonRows<{ name: string; title: string; image_id: number; status: VerdictStatus; classes: number[] }>(db, Prisma.sql`
      SELECT s.name, s.title, l.image_id, l.status, coalesce(l.classes, '{}') AS classes
      FROM label_sources s JOIN source_labels l ON l.source_id = s.id
      WHERE s.dataset_id = ${campaign.datasetId} AND s.kind::text = ANY(${REFERENCE_KINDS})
        AND l.image_id IN (SELECT DISTINCT image_id FROM decisions WHERE campaign_id = ${campaignId})`),
    db.$queryRaw<{ id: number; classes: number[] }[]>`
      SELECT group_id AS id, array_agg(class_index ORDER BY class_index) AS classes FROM class_group_members GROUP BY group_id ORDER BY group_id`,
  ]);
  const classIndices = [...new Set(decisions.flatMap((row) => row.classes))];
  const names = await db.imageClass.findMany({ where: { index: { in: classIndices } }, select: { index: true, lemmas: true, wnid: true } });

  const sources = new Map<string, { title: string; verdicts: Map<number, DecisionOutcome> }>();
  for (const row of verdicts) {
    const source = sources.get(row.name) ?? { title: row.title, verdicts: new Map() };
    const outcome = verdictOutcome(row.status, row.classes);
    if (outcome) source.verdicts.set(row.image_id, outcome);
    sources.set(row.name, source);
  }
  const sourceNames = [...sources.keys()].sort();
  const report = computeAgreementReport({
    campaign: campaign.id,
    annotatorsPerImage: campaign.annotatorsPerImage,
    decisions: decisions.map((row) => ({ imageId: row.image_id, annotator: row.email, outcome: toOutcome(row) })),
    consensus: new Map(consensus.map((row) => [row.image_id, toOutcome(row)])),
    sources: sourceNames.map((name) => ({ name, verdicts: sources.get(name)!.verdicts })),
    classNames: new Map(names.map((entry) => [entry.index, entry.lemmas[0] ?? entry.wnid])),
    groups,
  });
  return { name: campaign.name, report, sourceTitles: Object.fromEntries(sourceNames.map((name) => [name, sources.get(name)!.title])) };
}
