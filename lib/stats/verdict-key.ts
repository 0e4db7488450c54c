import { Prisma } from "@/lib/generated/prisma/client";

/**
 * SQL for one source_labels row's verdict as a comparable key: its status and its classes as a
 * sorted set. Two sources agree on an image when their keys are equal; a verdict with no class
 * equals only another of the same status. Shared by the stats and the campaign selection, so
 * "disagree" means the same thing in both.
 */
export const VERDICT_KEY = Prisma.sql`(status::text || ':' || array_to_string(ARRAY(SELECT DISTINCT unnest(classes) ORDER BY 1), ','))`;
