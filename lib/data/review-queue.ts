import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AmbiguityReason, ConsensusStatus } from "@/lib/generated/prisma/enums";
import type { ScorePart } from "@/lib/suspects/score";
import type { QueueParams } from "@/lib/validation/review";

export const QUEUE_PAGE_SIZE = 50;

export interface QueueRow {
  imageId: number;
  campaignId: number;
  campaignName: string;
  fileKey: string;
  status: ConsensusStatus;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  outsideLabels: string[];
  decisionCount: number;
  agreement: number | null;
  sourceDisagreement: number | null;
  score: number;
  changedSinceResolved: boolean;
  /** The image's stored suspect score and its parts (lib/suspects/store.ts); null until computed. */
  suspectScore: number | null;
  suspectParts: Partial<Record<ScorePart, number>> | null;
  /** Each decision's classes (and markers), in decision order. */
  decisions: { name: string; classes: number[]; ambiguity: AmbiguityReason | null; outsideLabels: string[] }[];
}

const ORDER: Record<QueueParams["sort"], Prisma.Sql> = {
  "score-desc": Prisma.sql`c.disagreement_score DESC, c.image_id`,
  "score-asc": Prisma.sql`c.disagreement_score ASC, c.image_id`,
  "agreement-asc": Prisma.sql`c.agreement ASC NULLS LAST, c.image_id`,
  "suspect-desc": Prisma.sql`s.score DESC NULLS LAST, c.image_id`,
  "updated-desc": Prisma.sql`c.updated_at DESC, c.image_id`,
  file: Prisma.sql`i.file_key, c.campaign_id`,
};

/** Every queue query reads consensus c, its image i and the image's stored suspect score s (absent until computed). */
const FROM = Prisma.sql`consensus c JOIN images i ON i.id = c.image_id LEFT JOIN suspect_scores s ON s.image_id = c.image_id`;

/** The filters of the queue as one WHERE clause; every part is an indexed lookup or an EXISTS on one image. */
function whereOf(params: QueueParams, except?: { campaignId: number; imageId: number }): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c.campaign_id IS NOT NULL`];
  if (params.campaign) parts.push(Prisma.sql`c.campaign_id = ${params.campaign}`);
  if (params.status === "to-review") parts.push(Prisma.sql`(c.status = 'DISAGREED' OR c.changed_since_resolved)`);
  else if (params.status === "changed") parts.push(Prisma.sql`c.changed_since_resolved`);
  else if (params.status === "all") parts.push(Prisma.sql`c.status <> 'UNLABELED'`);
  else parts.push(Prisma.sql`c.status = ${params.status}::"ConsensusStatus"`);
  const decisionsOfRow = Prisma.sql`d.campaign_id = c.campaign_id AND d.image_id = c.image_id`;
  if (params.class !== undefined) {
    parts.push(Prisma.sql`(${params.class}::int = ANY(c.classes) OR EXISTS (
      SELECT 1 FROM decisions d WHERE ${decisionsOfRow} AND (${params.class}::int = ANY(d.classes) OR ${params.class}::int = ANY(d.candidate_classes))))`);
  }
  if (params.group) {
    parts.push(Prisma.sql`EXISTS (
      SELECT 1 FROM decisions d JOIN class_group_members m ON m.class_index = ANY(d.classes || d.candidate_classes)
      WHERE ${decisionsOfRow} AND m.group_id = ${params.group})`);
  }
  if (params.source) {
    // Images where this source's verdict (a model: its top-1) differs from at least one decision's class set.
    parts.push(Prisma.sql`EXISTS (
      SELECT 1 FROM label_sources ls
      LEFT JOIN source_labels sl ON sl.source_id = ls.id AND sl.image_id = c.image_id
      LEFT JOIN predictions p ON p.source_id = ls.id AND p.image_id = c.image_id
      JOIN decisions d ON ${decisionsOfRow}
      WHERE ls.name = ${params.source} AND (sl.id IS NOT NULL OR p.id IS NOT NULL)
        AND d.classes <> COALESCE(ARRAY(SELECT DISTINCT unnest(sl.classes) ORDER BY 1), p.classes[1:1]))`);
  }
  if (params.suspect !== undefined) parts.push(Prisma.sql`s.score >= ${params.suspect}::float8`);
  if (except) parts.push(Prisma.sql`NOT (c.campaign_id = ${except.campaignId} AND c.image_id = ${except.imageId})`);
  return Prisma.join(parts, " AND ");
}

/** One page of the review queue, ranked by disagreement score unless another sort is chosen. */
export async function listReviewQueue(params: QueueParams): Promise<{ rows: QueueRow[]; total: number }> {
  const where = whereOf(params);
  const offset = (params.page - 1) * QUEUE_PAGE_SIZE;
  const [rows, count] = await Promise.all([
    db.$queryRaw<Omit<QueueRow, "decisions">[]>`
      SELECT c.image_id AS "imageId", c.campaign_id AS "campaignId", k.name AS "campaignName", i.file_key AS "fileKey",
             c.status::text AS status, c.classes, c.ambiguity::text AS ambiguity, c.outside_labels AS "outsideLabels",
             c.decision_count AS "decisionCount", c.agreement, c.source_disagreement AS "sourceDisagreement",
             c.disagreement_score AS score, c.changed_since_resolved AS "changedSinceResolved",
             s.score AS "suspectScore", s.parts AS "suspectParts"
      FROM ${FROM} JOIN campaigns k ON k.id = c.campaign_id
      WHERE ${where}
      ORDER BY ${ORDER[params.sort]}
      LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${offset}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`,
  ]);
  const decisions =
    rows.length === 0
      ? []
      : await db.decision.findMany({
          where: { OR: rows.map((row) => ({ campaignId: row.campaignId, imageId: row.imageId })) },
          orderBy: { id: "asc" },
          select: { campaignId: true, imageId: true, classes: true, ambiguity: true, outsideLabels: true, user: { select: { name: true } }, source: { select: { title: true } } },
        });
  return {
    total: count[0]?.n ?? 0,
    rows: rows.map((row) => ({
      ...row,
      decisions: decisions
        .filter((d) => d.campaignId === row.campaignId && d.imageId === row.imageId)
        .map((d) => ({ name: d.user?.name ?? d.source?.title ?? "imported", classes: d.classes, ambiguity: d.ambiguity, outsideLabels: d.outsideLabels })),
    })),
  };
}

/** The queue's first image other than the one just handled: where "next" goes after a resolution. */
export async function nextInQueue(params: QueueParams, current: { campaignId: number; imageId: number }): Promise<{ campaignId: number; imageId: number } | null> {
  const rows = await db.$queryRaw<{ campaignId: number; imageId: number }[]>`
    SELECT c.campaign_id AS "campaignId", c.image_id AS "imageId"
    FROM ${FROM}
    WHERE ${whereOf(params, current)}
    ORDER BY ${ORDER[params.sort]}
    LIMIT 1`;
  return rows[0] ?? null;
}

/** What the queue's filters offer: campaigns with consensus rows, class groups, sources and the taxonomy's size. */
export async function getQueueFilterOptions() {
  const [campaigns, groups, sources, classCount] = await Promise.all([
    db.campaign.findMany({ where: { consensus: { some: {} } }, orderBy: { createdAt: "desc" }, select: { id: true, name: true } }),
    db.classGroup.findMany({ orderBy: { id: "asc" }, select: { id: true, members: { take: 3, orderBy: { classIndex: "asc" }, select: { class: { select: { lemmas: true } } } } } }),
    db.labelSource.findMany({ where: { kind: { not: "CONSENSUS" } }, orderBy: [{ kind: "asc" }, { name: "asc" }], distinct: ["name"], select: { name: true, title: true } }),
    db.imageClass.count(),
  ]);
  return {
    campaigns,
    groups: groups.map((group) => ({ id: group.id, label: group.members.map((m) => m.class.lemmas[0]).join(", ") })),
    sources,
    classCount,
  };
}
