import type { Tx } from "@/lib/campaigns/queue";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import type { GoldAnswerOf } from "@/lib/gold/score";

interface Row {
  image_id: number;
  file_key: string;
  annotator: number;
  classes: number[];
  ambiguity: AmbiguityReason | null;
  outside_labels: string[];
  gold_classes: number[];
  gold_ambiguity: AmbiguityReason | null;
  gold_outside_labels: string[];
}

/** Every member decision on the campaign's gold images beside the known answer (of one member, when given); one query. */
export async function readGoldAnswers(tx: Pick<Tx | Db, "$queryRaw">, campaignId: number, userId?: number): Promise<GoldAnswerOf[]> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT d.image_id, i.file_key, d.user_id AS annotator, coalesce(d.classes, '{}') AS classes, d.ambiguity::text AS ambiguity,
           coalesce(d.outside_labels, '{}') AS outside_labels, coalesce(g.classes, '{}') AS gold_classes,
           g.ambiguity::text AS gold_ambiguity, coalesce(g.outside_labels, '{}') AS gold_outside_labels
    FROM campaign_images ci
    JOIN gold_answers g ON g.image_id = ci.image_id
    JOIN decisions d ON d.campaign_id = ci.campaign_id AND d.image_id = ci.image_id AND d.user_id IS NOT NULL
    JOIN images i ON i.id = ci.image_id
    WHERE ci.campaign_id = ${campaignId} AND ci.gold ${userId === undefined ? Prisma.empty : Prisma.sql`AND d.user_id = ${userId}`}
    ORDER BY i.file_key`;
  // Candidates are not part of an outcome's identity (outcomeKey), so they are not compared.
  const outcome = (classes: number[], ambiguity: AmbiguityReason | null, outsideLabels: string[]) => ({
    classes: [...new Set(classes)].sort((a, b) => a - b),
    ambiguity,
    candidateClasses: [],
    outsideLabels: [...new Set(outsideLabels.map((label) => label.toLowerCase()))].sort(),
  });
  return rows.map((row) => ({
    imageId: row.image_id,
    fileKey: row.file_key,
    annotator: row.annotator,
    answer: outcome(row.classes, row.ambiguity, row.outside_labels),
    gold: outcome(row.gold_classes, row.gold_ambiguity, row.gold_outside_labels),
  }));
}
