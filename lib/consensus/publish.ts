import { lockDatasetConsensus, outcomeOfRow, readStored, writeRows, type RowWrite } from "@/lib/consensus/consensus-sql";
import { sameOutcome } from "@/lib/consensus/rules";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";

export const CONSENSUS_SOURCE = "consensus";

export interface PublishSummary {
  dataset: number;
  source: string;
  version: string;
  images: number;
  changed: number;
}

interface Candidate {
  image_id: number;
  campaign_id: number;
  status: ConsensusStatus;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidate_classes: number[];
  outside_labels: string[];
  exclude_reason: string | null;
  method: string;
  decision_count: number;
  agreement: number | null;
}

/**
 * Publishes the dataset-level consensus: per image, the latest reviewer resolution of any campaign
 * on the dataset, else the latest agreed consensus. Kept as campaign-less consensus rows (one per
 * image) with their history, and as the label source "consensus" (kind CONSENSUS, version counted
 * up on every publish), so it shows beside the prior studies on later workbenches and in stats.
 */
export async function publishDatasetConsensus(db: Db, datasetId: number): Promise<PublishSummary> {
  return db.$transaction(
    async (tx) => {
      const dataset = await tx.dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
      if (!dataset) throw new NotFoundError("That dataset");
      await lockDatasetConsensus(tx, datasetId);
      const candidates = await tx.$queryRaw<Candidate[]>`
        SELECT DISTINCT ON (c.image_id) c.image_id, c.campaign_id, c.status::text AS status, c.classes, c.ambiguity::text AS ambiguity,
               c.candidate_classes, c.outside_labels, c.exclude_reason, c.method, c.decision_count, c.agreement
        FROM consensus c JOIN campaigns k ON k.id = c.campaign_id
        WHERE k.dataset_id = ${datasetId} AND c.status IN ('RESOLVED', 'EXCLUDED', 'AGREED')
        ORDER BY c.image_id, (c.status IN ('RESOLVED', 'EXCLUDED')) DESC, c.updated_at DESC, c.campaign_id DESC`;
      const stored = new Map((await readStored(tx, { datasetId })).map((row) => [row.image_id, row]));

      const writes: RowWrite[] = [];
      for (const candidate of candidates) {
        const row = stored.get(candidate.image_id);
        const method = `campaign ${candidate.campaign_id}: ${candidate.method}`;
        const outcome = candidate.status === "EXCLUDED" ? null : outcomeOfRow(candidate);
        const same = row && row.status === candidate.status && row.method === method && sameOutcome(row.status === "EXCLUDED" ? null : outcomeOfRow(row), outcome);
        if (same) continue;
        writes.push({
          imageId: candidate.image_id,
          status: candidate.status,
          outcome,
          excludeReason: candidate.exclude_reason,
          method,
          decisionCount: candidate.decision_count,
          agreement: candidate.agreement,
          posterior: null,
          revise: true,
        });
      }
      const covered = new Set(candidates.map((c) => c.image_id));
      const gone = [...stored.keys()].filter((imageId) => !covered.has(imageId));
      if (gone.length > 0) await tx.$executeRaw`DELETE FROM consensus WHERE campaign_id IS NULL AND image_id = ANY(${gone}::int[])`;
      await writeRows(tx, null, writes, "published from campaign consensus");

      const previous = await tx.labelSource.findUnique({ where: { datasetId_name: { datasetId, name: CONSENSUS_SOURCE } }, select: { version: true } });
      const version = String((Number.parseInt(previous?.version ?? "0", 10) || 0) + 1);
      const source = await tx.labelSource.upsert({
        where: { datasetId_name: { datasetId, name: CONSENSUS_SOURCE } },
        create: { datasetId, name: CONSENSUS_SOURCE, kind: "CONSENSUS", title: "Relabel consensus", citation: "Reviewed consensus of Relabel's campaigns", version },
        update: { version, importedAt: new Date() },
        select: { id: true },
      });
      await tx.$executeRaw`DELETE FROM source_labels WHERE source_id = ${source.id}`;
      const images = await tx.$executeRaw`
        INSERT INTO source_labels (source_id, image_id, status, classes, details)
        SELECT ${source.id}, c.image_id,
               (CASE WHEN c.status = 'EXCLUDED' THEN 'PROBLEMATIC'
                     WHEN cardinality(c.classes) > 0 THEN 'LABELED'
                     WHEN c.ambiguity IS NOT NULL THEN 'NO_CONSENSUS'
                     ELSE 'NONE_FIT' END)::"VerdictStatus",
               CASE WHEN cardinality(c.classes) > 0 THEN c.classes ELSE COALESCE(c.candidate_classes, '{}') END,
               jsonb_strip_nulls(jsonb_build_object('method', c.method, 'ambiguity', c.ambiguity, 'outsideLabels', to_jsonb(c.outside_labels),
                                                    'excludeReason', c.exclude_reason))
        FROM consensus c JOIN images i ON i.id = c.image_id
        WHERE c.campaign_id IS NULL AND i.dataset_id = ${datasetId}`;
      return { dataset: datasetId, source: CONSENSUS_SOURCE, version, images, changed: writes.length + gone.length };
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
}
