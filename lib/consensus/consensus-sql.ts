import type { Tx } from "@/lib/campaigns/queue";
import type { ComputedConsensus } from "@/lib/consensus/rules";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { queryJsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";

// The set-based SQL of recomputation: one read of the decisions, one of the stored rows, the rows to
// write loaded into a temporary table, then one upsert and one revision insert. Never a query per image.
// Reads come back as one JSON text value (queryJsonRows).

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

/**
 * Every decision of the campaign (or of one image), ordered by image. Gold images are left out: each
 * member labels them (more decisions than the campaign's k) against a known answer, so they would
 * skew the campaign's consensus counts and agreement; they are scored in lib/gold instead.
 */
export async function readDecisions(tx: Tx, campaignId: number, imageId: number | null): Promise<DecisionRow[]> {
  // Imported decisions may have a source instead of a user; each author counts as one annotator.
  return queryJsonRows<DecisionRow>(tx, Prisma.sql`
    SELECT d.image_id, COALESCE(d.user_id, -d.source_id) AS annotator, d.classes, d.ambiguity::text AS ambiguity,
           d.candidate_classes, d.outside_labels, (extract(epoch FROM d.updated_at) * 1000)::float8 AS updated_ms
    FROM decisions d
    WHERE d.campaign_id = ${campaignId} ${imageId === null ? Prisma.empty : Prisma.sql`AND d.image_id = ${imageId}`}
      AND ${notGold(campaignId, Prisma.sql`d.image_id`)}
    ORDER BY d.image_id, d.id`);
}

/** SQL condition: the image is not one of the campaign's gold images. */
export const notGold = (campaignId: number, imageId: Prisma.Sql) =>
  Prisma.sql`NOT EXISTS (SELECT 1 FROM campaign_images g WHERE g.campaign_id = ${campaignId} AND g.image_id = ${imageId} AND g.gold)`;

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
  return queryJsonRows<StoredRow>(tx, Prisma.sql`
    SELECT c.id, c.image_id, c.status::text AS status, c.classes, c.ambiguity::text AS ambiguity, c.candidate_classes,
           c.outside_labels, c.method, c.decision_count, c.agreement, c.changed_since_resolved,
           (extract(epoch FROM c.updated_at) * 1000)::float8 AS updated_ms
    FROM consensus c WHERE ${where}`);
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
/** Up to this many rows (a submit writes one) go in one statement; the temporary table pays off for bulk writes only. */
const ONE_STATEMENT = 100;

/** The JSON rows writeRows hands to PostgreSQL, in consensus_writes' column order. */
const writeBatch = (rows: readonly RowWrite[]) =>
  JSON.stringify(rows.map((row) => ({
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
  })));

const fromJson = (json: string) => Prisma.sql`
  SELECT r.image_id, r.status::"ConsensusStatus" AS status, r.classes, r.ambiguity::"AmbiguityReason" AS ambiguity, r.candidate_classes,
         r.outside_labels, r.exclude_reason, r.method, r.decision_count, r.agreement, r.posterior, r.bump
  FROM jsonb_to_recordset(${json}::jsonb) AS r(image_id int, status text, classes int[], ambiguity text,
       candidate_classes int[], outside_labels text[], exclude_reason text, method text, decision_count int, agreement float8,
       posterior jsonb, bump int)`;

/**
 * Writes rows in set-based statements whatever their number. Many rows go into a temporary table
 * (JSON batches, then ANALYZE so the planner sees its real size), campaign rows get their queue
 * score there, and one upsert writes them and appends a revision per revised row. A few rows (a
 * submit's one image) take the same path as one statement, the table replaced by a CTE of the same
 * name: creating, filling, analysing and dropping a table was six round trips and catalog writes per submit.
 * Scoring before the upsert writes each row once (an UPDATE after it rewrote every row a second time).
 * A reviewer's row (RESOLVED/EXCLUDED) of a campaign is never overwritten, even if one slipped into `rows`.
 * Returns the image ids written.
 */
export async function writeRows(
  tx: Tx,
  campaignId: number | null,
  rows: readonly RowWrite[],
  note: string,
  onBatch?: (written: number) => void,
): Promise<number[]> {
  if (rows.length === 0) return [];
  if (rows.length <= ONE_STATEMENT) {
    const scored = campaignId === null
      ? Prisma.sql`consensus_writes AS (SELECT input.*, NULL::float8 AS source_disagreement FROM input)`
      : Prisma.sql`${scoring(Prisma.raw("input"), campaignId)},
          consensus_writes AS (SELECT input.*, per_image.mean AS source_disagreement FROM input LEFT JOIN per_image USING (image_id))`;
    const [result] = await tx.$queryRaw<{ ids: number[] }[]>`
      WITH input AS (${fromJson(writeBatch(rows))}), ${scored}, ${upsert(campaignId, note)}`;
    onBatch?.(rows.length);
    return result!.ids;
  }
  await tx.$executeRaw`DROP TABLE IF EXISTS consensus_writes`;
  await tx.$executeRaw`
    CREATE TEMP TABLE consensus_writes (
      image_id int PRIMARY KEY, status "ConsensusStatus" NOT NULL, classes int[] NOT NULL, ambiguity "AmbiguityReason",
      candidate_classes int[] NOT NULL, outside_labels text[] NOT NULL, exclude_reason text, method text NOT NULL,
      decision_count int NOT NULL, agreement float8, posterior jsonb, bump int NOT NULL, source_disagreement float8
    ) ON COMMIT DROP`;
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx.$executeRaw`
      INSERT INTO consensus_writes (image_id, status, classes, ambiguity, candidate_classes, outside_labels, exclude_reason,
                                    method, decision_count, agreement, posterior, bump)
      ${fromJson(writeBatch(rows.slice(start, start + BATCH)))}`;
    onBatch?.(Math.min(rows.length, start + BATCH));
  }
  await tx.$executeRaw`ANALYZE consensus_writes`;
  if (campaignId !== null) {
    // Hash joins only, for this one statement. A campaign whose decisions came after the table's
    // last ANALYZE is estimated at a row or two, and the planner then rescanned the sources once per
    // decision in a nested loop: minutes for 30,000 images (a second campaign, before autovacuum
    // came round). A batch this size is a hash join's whatever the statistics say.
    await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
    await tx.$executeRaw`
      WITH ${scoring(Prisma.raw("consensus_writes"), campaignId)}
      UPDATE consensus_writes w SET source_disagreement = per_image.mean FROM per_image WHERE w.image_id = per_image.image_id`;
    await tx.$executeRaw`SET LOCAL enable_nestloop TO DEFAULT`;
  }
  const [result] = await tx.$queryRaw<{ ids: number[] }[]>`WITH ${upsert(campaignId, note)}`;
  return result!.ids;
}

/**
 * The upsert of consensus_writes (a table or a CTE) into consensus, a revision per revised row,
 * and the ids written. Dataset-level rows have no queue: their score columns keep their defaults.
 */
function upsert(campaignId: number | null, note: string): Prisma.Sql {
  const scoreColumns = campaignId === null ? Prisma.empty : Prisma.sql`, source_disagreement, disagreement_score`;
  const scoreValues =
    campaignId === null ? Prisma.empty : Prisma.sql`, w.source_disagreement, COALESCE(((1 - w.agreement) + w.source_disagreement) / 2, 1 - w.agreement, w.source_disagreement, 0)`;
  const scoreUpdates =
    campaignId === null ? Prisma.empty : Prisma.sql`, source_disagreement = EXCLUDED.source_disagreement, disagreement_score = EXCLUDED.disagreement_score`;
  return Prisma.sql`
    upserted AS (
      INSERT INTO consensus (image_id, campaign_id, status, classes, ambiguity, candidate_classes, outside_labels, exclude_reason,
                             method, decision_count, agreement, posterior, version, updated_at ${scoreColumns})
      SELECT w.image_id, ${campaignId}::int, w.status, w.classes, w.ambiguity, w.candidate_classes, w.outside_labels, w.exclude_reason,
             w.method, w.decision_count, w.agreement, w.posterior, w.bump, now() ${scoreValues}
      FROM consensus_writes w
      ON CONFLICT (image_id, campaign_id) DO UPDATE SET
        status = EXCLUDED.status, classes = EXCLUDED.classes, ambiguity = EXCLUDED.ambiguity,
        candidate_classes = EXCLUDED.candidate_classes, outside_labels = EXCLUDED.outside_labels,
        exclude_reason = EXCLUDED.exclude_reason, method = EXCLUDED.method, decision_count = EXCLUDED.decision_count,
        agreement = EXCLUDED.agreement, posterior = EXCLUDED.posterior, version = consensus.version + EXCLUDED.version,
        updated_at = now() ${scoreUpdates}
      WHERE ${campaignId === null ? Prisma.sql`TRUE` : Prisma.sql`consensus.status NOT IN ('RESOLVED', 'EXCLUDED')`}
      RETURNING id, image_id, version, status, classes, ambiguity, candidate_classes, outside_labels, exclude_reason, method
    ), revised AS (
      INSERT INTO consensus_revisions (consensus_id, version, status, classes, ambiguity, candidate_classes, outside_labels,
                                       exclude_reason, method, note, reviewer_id, created_at)
      SELECT u.id, u.version, u.status, u.classes, u.ambiguity, u.candidate_classes, u.outside_labels, u.exclude_reason,
             u.method, ${note}, NULL, now()
      FROM upserted u JOIN consensus_writes w ON w.image_id = u.image_id
      WHERE w.bump = 1
    )
    SELECT COALESCE(array_agg(image_id), '{}') AS ids FROM upserted`;
}

/**
 * CTEs `src` and `per_image` (image_id, mean): the queue's score of the rows about to be written in
 * `rows` (a table or CTE with image_id). source_disagreement = mean Jaccard distance between each
 * decision's class set and each prior source's (a label source's LABELED classes, a model's top-1;
 * the derived consensus source excluded); the upsert then sets disagreementScore = mean of
 * (1 − agreement) and it.
 */
function scoring(rows: Prisma.Sql, campaignId: number): Prisma.Sql {
  return Prisma.sql`
    src AS (
      SELECT sl.image_id, ARRAY(SELECT DISTINCT unnest(sl.classes)) AS classes
      FROM ${rows} w JOIN source_labels sl ON sl.image_id = w.image_id JOIN label_sources ls ON ls.id = sl.source_id
      WHERE sl.status = 'LABELED' AND cardinality(sl.classes) > 0 AND ls.kind <> 'CONSENSUS'
      UNION ALL
      SELECT p.image_id, p.classes[1:1] FROM ${rows} w JOIN predictions p ON p.image_id = w.image_id
      WHERE cardinality(p.classes) > 0
    ), per_image AS (
      -- From the rows being written, like src: a submit's one image reads its own decisions only.
      SELECT w.image_id,
             avg(1 - cardinality(ARRAY(SELECT unnest(d.classes) INTERSECT SELECT unnest(s.classes)))::float8
                   / cardinality(ARRAY(SELECT unnest(d.classes) UNION SELECT unnest(s.classes)))) AS mean
      FROM ${rows} w
      JOIN decisions d ON d.campaign_id = ${campaignId} AND d.image_id = w.image_id
      JOIN src s ON s.image_id = w.image_id
      GROUP BY w.image_id
    )`;
}

/** Marks resolved rows whose decisions were edited after the resolution; their outcome stays. */
export async function flagChangedSinceResolved(tx: Tx, campaignId: number, imageIds: readonly number[]): Promise<void> {
  if (imageIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE consensus SET changed_since_resolved = true, updated_at = now()
    WHERE campaign_id = ${campaignId} AND image_id = ANY(${imageIds}::int[]) AND status IN ('RESOLVED', 'EXCLUDED')`;
}

export type StatusCounts = Record<"agreed" | "disagreed" | "resolved" | "excluded" | "inProgress" | "unlabeled", number>;

/** Every image of the campaign's queue by status (gold images aside); an image without a row is unlabeled. */
export async function countByStatus(tx: Pick<Tx, "$queryRaw">, campaignId: number): Promise<{ images: number; byStatus: StatusCounts }> {
  const rows = await tx.$queryRaw<{ status: ConsensusStatus; n: number }[]>`
    SELECT COALESCE(c.status::text, 'UNLABELED') AS status, count(*)::int AS n
    FROM campaign_images ci LEFT JOIN consensus c ON c.campaign_id = ci.campaign_id AND c.image_id = ci.image_id
    WHERE ci.campaign_id = ${campaignId} AND NOT ci.gold GROUP BY 1`;
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
