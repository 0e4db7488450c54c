import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export interface MyDecisionRow {
  campaignId: number;
  campaignName: string;
  imageId: number;
  fileKey: string;
  classNames: string[];
  /** Of an ambiguous decision: the classes it says are possible. */
  candidateNames: string[];
  ambiguity: string | null;
  outsideLabels: string[];
  timeSpentMs: number | null;
  updatedAt: Date;
}

/** `%text%` for ILIKE, with the text's own `%`, `_` and `\\` matched literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * The user's own latest decisions, optionally filtered by a file name, class name, wnid, class
 * index (chosen, or possible in an ambiguous decision) or label outside ImageNet. Only the user's
 * rows: the user id is part of every query.
 */
export async function listMyRecentDecisions(userId: number, query: string, limit = 25): Promise<MyDecisionRow[]> {
  const q = query.trim();
  const filter = q
    ? Prisma.sql`AND (i.file_key ILIKE ${containing(q)}
        OR EXISTS (SELECT 1 FROM classes c WHERE c.index = ANY(d.classes || d.candidate_classes)
                   AND (c.wnid = ${q} OR c.index::text = ${q} OR array_to_string(c.lemmas, ' ') ILIKE ${containing(q)}))
        OR array_to_string(d.outside_labels, ' ') ILIKE ${containing(q)})`
    : Prisma.empty;
  const rows = await db.$queryRaw<
    { campaign_id: number; campaign_name: string; image_id: number; file_key: string; class_names: string[]; candidate_names: string[]; ambiguity: string | null; outside_labels: string[]; time_spent_ms: number | null; updated_at: Date }[]
  >`
    SELECT d.campaign_id, cp.name AS campaign_name, d.image_id, i.file_key,
           ARRAY(SELECT c.lemmas[1] FROM classes c WHERE c.index = ANY(d.classes) ORDER BY c.index) AS class_names,
           ARRAY(SELECT c.lemmas[1] FROM classes c WHERE c.index = ANY(d.candidate_classes) ORDER BY c.index) AS candidate_names,
           d.ambiguity::text AS ambiguity, d.outside_labels, d.time_spent_ms, d.updated_at
    FROM decisions d
    JOIN images i ON i.id = d.image_id
    JOIN campaigns cp ON cp.id = d.campaign_id
    WHERE d.user_id = ${userId} ${filter}
    ORDER BY d.updated_at DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    imageId: row.image_id,
    fileKey: row.file_key,
    classNames: row.class_names,
    candidateNames: row.candidate_names,
    ambiguity: row.ambiguity,
    outsideLabels: row.outside_labels ?? [],
    timeSpentMs: row.time_spent_ms,
    updatedAt: row.updated_at,
  }));
}
