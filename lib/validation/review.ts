import { z } from "zod";
import { decisionContentSchema } from "@/lib/validation/decision";
import { imageRefSchema } from "@/lib/validation/labeling";

export const CONSENSUS_RULES = ["UNANIMOUS", "MAJORITY", "DAWID_SKENE"] as const;

/**
 * A reviewer's resolution: an outcome in the shape of a decision (its notes are the reviewer's
 * note; an empty set with no outcome is refused by the decision schema), or an exclusion with a reason.
 */
export const resolutionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("outcome"), content: decisionContentSchema }),
  z.object({
    kind: z.literal("exclude"),
    reason: z.string().trim().min(1, "Say why the image is excluded.").max(200, "An exclusion reason is at most 200 characters."),
    notes: z.string().max(5000, "Notes are at most 5000 characters."),
  }),
]);
export type Resolution = z.infer<typeof resolutionSchema>;

export const resolveSchema = imageRefSchema.extend({
  /** The consensus version the reviewer saw (0: there was no consensus row yet). */
  expectedVersion: z.number().int().min(0),
  resolution: resolutionSchema,
});
export type ResolveInput = z.infer<typeof resolveSchema>;

export const consensusRuleSchema = z
  .object({
    campaignId: z.number().int().positive(),
    rule: z.enum(CONSENSUS_RULES),
    quorum: z.number().int().min(1, "A quorum is at least 1.").max(50).nullable(),
  })
  .transform((input) => ({ ...input, quorum: input.rule === "MAJORITY" ? input.quorum : null }));

export const sendBackSchema = imageRefSchema;

/** The review queue's list state, read from URL search params; anything unparseable falls back to the default. */
export const QUEUE_SORTS = ["score-desc", "score-asc", "agreement-asc", "updated-desc", "file"] as const;
export const QUEUE_STATUSES = ["to-review", "all", "DISAGREED", "AGREED", "RESOLVED", "EXCLUDED", "IN_PROGRESS", "changed"] as const;
const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
export const queueParamsSchema = z.object({
  campaign: optionalId,
  status: z.enum(QUEUE_STATUSES).catch("to-review").default("to-review"),
  sort: z.enum(QUEUE_SORTS).catch("score-desc").default("score-desc"),
  class: z.coerce.number().int().min(0).max(999).optional().catch(undefined),
  group: optionalId,
  source: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;
