import { z } from "zod";
import { ConsensusRule } from "@/lib/generated/prisma/enums";
import { classIndexSchema, decisionContentSchema, notesSchema } from "@/lib/validation/decision";
import { coercedIdSchema, idSchema } from "@/lib/validation/id";
import { imageRefSchema } from "@/lib/validation/labeling";
import { MAX_SCORE } from "@/lib/suspects/score";
import { cleanText } from "@/lib/validation/text";

export const CONSENSUS_RULES = Object.values(ConsensusRule);

/**
 * A reviewer's resolution: an outcome in the shape of a decision (its notes are the reviewer's
 * note; an empty set with no outcome is refused by the decision schema), or an exclusion with a reason.
 */
export const resolutionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("outcome"), content: decisionContentSchema }),
  z.object({
    kind: z.literal("exclude"),
    reason: cleanText({ field: "the reason", min: 1, minMessage: "Say why the image is excluded.", max: 200, maxMessage: "An exclusion reason is at most 200 characters." }),
    notes: notesSchema,
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
    campaignId: idSchema,
    rule: z.enum(CONSENSUS_RULES),
    quorum: z.number().int().min(1, "A quorum is at least 1.").max(50).nullable(),
  })
  .transform((input) => ({ ...input, quorum: input.rule === "MAJORITY" ? input.quorum : null }));

export const sendBackSchema = imageRefSchema;

/** The review queue's list state, read from URL search params; anything unparseable falls back to the default. */
export const QUEUE_SORTS = ["score-desc", "score-asc", "agreement-asc", "suspect-desc", "updated-desc", "file"] as const;
export const QUEUE_STATUSES = ["to-review", "all", "DISAGREED", "AGREED", "RESOLVED", "EXCLUDED", "IN_PROGRESS", "changed"] as const;
const optionalId = coercedIdSchema.optional().catch(undefined);
export const queueParamsSchema = z.object({
  campaign: optionalId,
  status: z.enum(QUEUE_STATUSES).catch("to-review").default("to-review"),
  sort: z.enum(QUEUE_SORTS).catch("score-desc").default("score-desc"),
  class: z.coerce.number().pipe(classIndexSchema).optional().catch(undefined),
  group: optionalId,
  source: cleanText({ field: "the source", max: 100 }).optional().catch(undefined),
  /** Only images whose stored suspect score (lib/suspects) is at least this. */
  suspect: z.coerce.number().min(0).max(MAX_SCORE).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;
