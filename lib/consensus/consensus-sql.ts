import type { Tx } from "@/lib/campaigns/queue";
import type { ComputedConsensus } from "@/lib/consensus/rules";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";

// The set-based SQL of recomputation: one read of the decisions, one of the stored rows, batched
// upserts from a JSON recordset and set-based revision and score updates. Never a query per image.

/** Two-key advisory locks: (namespace, campaign id). Recomputation takes it exclusively, single-image writes shared. */
const CONSENSUS_LOCK = 8;
const DATASET_CONSENSUS_LOCK = 81;

export async function lockCampaignConsensus(tx: Tx, campaignId: number, mode: "exclusive" | "shared"): Promise<void> {
  if (mode === "exclusive") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CONSENSUS_LOCK}::int, ${campaignId}::int)`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${CONSENSUS_LOCK}::int, ${campaignId}::int)`;
}

export async function lockDatasetConsensus(tx: Tx, datasetId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DATASET_CONSENSUS_LOCK}::int, ${datasetId}::int)`;
}

export interface DecisionRow {
  image_id: number;
  annotator: number;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidate_classes: number[];
  outside_labels: string[];
  updated_ms: number;
}

/** Every decision of the campaign (or of one image), ordered by image. */
export async function readDecisions(tx: Tx, campaignId: number, imageId: number | null): Promise<DecisionRow[]> {
  // Imported decisions may have a source instead of a user; each author counts as one annotator.
  return tx.$queryRaw<DecisionRow[]>`
    SELECT image_id, COALESCE(user_id, -source_id) AS annotator, classes, ambiguity::text AS ambiguity,
           candidate_classes, outside_labels, (extract(epoch FROM updated_at) * 1000)::float8 AS updated_ms
    FROM decisions
    WHERE campaign_id = ${campaignId} ${imageId === null ? Prisma.empty : Prisma.sql`AND image_id = ${imageId}`}
    ORDER BY image_id, id`;
}

export interface StoredRow {
  id: number;
  image_id: number;
  status: ConsensusStatus;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidate_classes: number[];
  outside_labels: string[];
  method: string;
  decision_count: number;
  agreement: number | null;
  changed_since_resolved: boolean;
  updated_ms: number;
}

/** Stored rows of the campaign (null: dataset-level rows of a dataset, see publish). */
export async function readStored(tx: Tx, scope: { campaignId: number; imageId: number | null } | { datasetId: number }): Promise<StoredRow[]> {
  const where =
    "campaignId" in scope
      ? Prisma.sql`c.campaign_id = ${scope.campaignId} ${scope.imageId === null ? Prisma.empty : Prisma.sql`AND c.image_id = ${scope.imageId}`}`
      : Prisma.sql`c.campaign_id IS NULL AND c.image_id IN (SELECT id FROM images WHERE dataset_id = ${scope.datasetId})`;
  return tx.$queryRaw<StoredRow[]>`
    SELECT c.id, c.image_id, c.status::text AS status, c.classes, c.ambiguity::text AS ambiguity, c.candidate_classes,
           c.outside_labels, c.method, c.decision_count, c.agreement, c.changed_since_resolved,
           (extract(epoch FROM c.updated_at) * 1000)::float8 AS updated_ms
    FROM consensus c WHERE ${where}`;
}

export const outcomeOfRow = (row: Pick<StoredRow, "classes" | "ambiguity" | "candidate_classes" | "outside_labels">): DecisionOutcome => ({
  classes: row.classes,
  ambiguity: row.ambiguity,
  candidateClasses: row.candidate_classes ?? [],
  outsideLabels: row.outside_labels,
});

export interface RowWrite {
  imageId: number;
  status: ConsensusStatus;
  outcome: DecisionOutcome | null;
  excludeReason?: string | null;
  method: string;
  decisionCount: number;
  agreement: number | null;
  posterior: ComputedConsensus["posterior"];
  /** The outcome or status changed: bump the version and append a revision. */
  revise: boolean;
}

const BATCH = 5000;

/**
 * Upserts rows in batches and appends one revision per revised row, all set-based. A reviewer's
 * row (RESOLVED/EXCLUDED) is never overwritten here, even if one slipped into `rows`.
 */
export async function writeRows(
  tx: Tx,
  campaignId: number | null,
  rows: readonly RowWrite[],
  note: string,
  onBatch?: (written: number) => void,
): Promise<number[]> {
  const written: number[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH).map((row) => ({
      image_id: row.imageId,
      status: row.status,
      classes: row.outcome?.classes ?? [],
      ambiguity: row.outcome?.ambiguity ?? null,
      candidate_classes: row.outcome?.candidateClasses ?? [],
      outside_labels: row.outcome?.outsideLabels ?? [],
      exclude_reason: row.excludeReason ?? null,
      method: row.method,
      decision_count: row.decisionCount,
      agreement: row.agreement,
      posterior: row.posterior,
      bump: row.revise ? 1 : 0,
    }));
    const upserted = await tx.$queryRaw<{ image_id: number }[]>`
      INSERT INTO consensus (image_id, campaign_id, status, classes, ambiguity, candidate_classes, outside_labels, exclude_reason,
                             method, decision_count, agreement, posterior, version, updated_at)
      SELECT r.image_id, ${campaignId}::int, r.status::"ConsensusStatus", r.classes, r.ambiguity::"AmbiguityReason", r.candidate_classes,
             r.outside_labels, r.exclude_reason, r.method, r.decision_count, r.agreement, r.posterior, r.bump, now()
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS r(image_id int, status text, classes int[], ambiguity text,
           candidate_classes int[], outside_labels text[], exclude_reason text, method text, decision_count int, agreement float8,
           posterior jsonb, bump int)
      ON CONFLICT (image_id, campaign_id) DO UPDATE SET
        status = EXCLUDED.status, classes = EXCLUDED.classes, ambiguity = EXCLUDED.ambiguity,
        candidate_classes = EXCLUDED.candidate_classes, outside_labels = EXCLUDED.outside_labels,
        exclude_reason = EXCLUDED.exclude_reason, method = EXCLUDED.method, decision_count = EXCLUDED.decision_count,
        agreement = EXCLUDED.agreement, posterior = EXCLUDED.posterior, version = consensus.version + EXCLUDED.version,
        updated_at = now()
      WHERE ${campaignId === null ? Prisma.sql`TRUE` : Prisma.sql`consensus.status NOT IN ('RESOLVED', 'EXCLUDED')`}
      RETURNING image_id`;
    const revisedIds = batch.filter((row) => row.bump === 1).map((row) => row.image_id);
    const upsertedIds = new Set(upserted.map((row) => row.image_id));
    const toRevise = revisedIds.filter((id) => upsertedIds.has(id));
    if (toRevise.length > 0) {
      await tx.$executeRaw`
        INSERT INTO consensus_revisions (consensus_id, version, status, classes, ambiguity, candidate_classes, outside_labels,
                                         exclude_reason, method, note, reviewer_id, created_at)
        SELECT c.id, c.version, c.status, c.classes, c.ambiguity, c.candidate_classes, c.outside_labels, c.exclude_reason,
               c.method, ${note}, NULL, now()
        FROM consensus c
        WHERE c.campaign_id IS NOT DISTINCT FROM ${campaignId}::int AND c.image_id = ANY(${toRevise}::int[])`;
    }
    written.push(...upsertedIds);
    onBatch?.(Math.min(rows.length, start + BATCH));
  }
  return written;
}

/** Marks resolved rows whose decisions were edited after the resolution; their outcome stays. */
export async function flagChangedSinceResolved(tx: Tx, campaignId: number, imageIds: readonly number[]): Promise<void> {
  if (imageIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE consensus SET changed_since_resolved = true, updated_at = now()
    WHERE campaign_id = ${campaignId} AND image_id = ANY(${imageIds}::int[]) AND status IN ('RESOLVED', 'EXCLUDED')`;
}

/**
 * The queue's score for the given rows: sourceDisagreement = mean Jaccard distance between each
 * decision's class set and each prior source's (a label source's LABELED classes, a model's top-1;
 * the derived consensus source excluded), and disagreementScore = mean of (1 − agreement) and it.
 */
export async function refreshScores(tx: Tx, campaignId: number, imageIds: readonly number[]): Promise<void> {
  if (imageIds.length === 0) return;
  await tx.$executeRaw`
    WITH src AS (
      SELECT sl.image_id, ARRAY(SELECT DISTINCT unnest(sl.classes)) AS classes
      FROM source_labels sl JOIN label_sources ls ON ls.id = sl.source_id
      WHERE sl.image_id = ANY(${imageIds}::int[]) AND sl.status = 'LABELED' AND cardinality(sl.classes) > 0 AND ls.kind <> 'CONSENSUS'
      UNION ALL
      SELECT p.image_id, p.classes[1:1] FROM predictions p
      WHERE p.image_id = ANY(${imageIds}::int[]) AND cardinality(p.classes) > 0
    ), distances AS (
      SELECT d.image_id,
             1 - cardinality(ARRAY(SELECT unnest(d.classes) INTERSECT SELECT unnest(s.classes)))::float8
               / cardinality(ARRAY(SELECT unnest(d.classes) UNION SELECT unnest(s.classes))) AS distance
      FROM decisions d JOIN src s ON s.image_id = d.image_id
      WHERE d.campaign_id = ${campaignId} AND d.image_id = ANY(${imageIds}::int[])
    ), per_image AS (
      SELECT ids.image_id, avg(distances.distance) AS mean
      FROM unnest(${imageIds}::int[]) AS ids(image_id) LEFT JOIN distances USING (image_id)
      GROUP BY ids.image_id
    )
    UPDATE consensus c SET
      source_disagreement = per_image.mean,
      disagreement_score = COALESCE(((1 - c.agreement) + per_image.mean) / 2, 1 - c.agreement, per_image.mean, 0)
    FROM per_image
    WHERE c.campaign_id = ${campaignId} AND c.image_id = per_image.image_id`;
}

export type StatusCounts = Record<"agreed" | "disagreed" | "resolved" | "excluded" | "inProgress" | "unlabeled", number>;

/** Every image of the campaign's queue by status; an image without a row is unlabeled. */
export async function countByStatus(tx: Pick<Tx, "$queryRaw">, campaignId: number): Promise<{ images: number; byStatus: StatusCounts }> {
  const rows = await tx.$queryRaw<{ status: ConsensusStatus; n: number }[]>`
    SELECT COALESCE(c.status::text, 'UNLABELED') AS status, count(*)::int AS n
    FROM campaign_images ci LEFT JOIN consensus c ON c.campaign_id = ci.campaign_id AND c.image_id = ci.image_id
    WHERE ci.campaign_id = ${campaignId} GROUP BY 1`;
  const n = (status: ConsensusStatus) => rows.find((row) => row.status === status)?.n ?? 0;
  return {
    images: rows.reduce((sum, row) => sum + row.n, 0),
    byStatus: {
      agreed: n("AGREED"),
      disagreed: n("DISAGREED"),
      resolved: n("RESOLVED"),
      excluded: n("EXCLUDED"),
      inProgress: n("IN_PROGRESS"),
      unlabeled: n("UNLABELED"),
    },
  };
}
