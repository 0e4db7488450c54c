import { z } from "zod";
import { CampaignStatus, Split } from "@/lib/generated/prisma/enums";
import { classIndexSchema } from "@/lib/validation/decision";
import { idSchema } from "@/lib/validation/id";
import { datasetSlugSchema } from "@/lib/validation/import";
import { cleanText } from "@/lib/validation/text";

const sourceName = cleanText({ field: "a source name", min: 1, max: 100 });

/** Which images a campaign covers. One rule, optionally narrowed to images with pixels and sampled. */
export const selectionRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("classes"), classes: z.array(classIndexSchema).min(1, "Pick at least one class.").max(1000) }),
  z.object({ kind: z.literal("class-group"), groupId: idSchema }),
  z.object({
    kind: z.literal("disagreement"),
    sources: z.array(sourceName).min(2, "Pick at least two sources to compare.").max(20),
  }),
  z.object({ kind: z.literal("original-outside"), source: sourceName }),
  z.object({ kind: z.literal("split"), split: z.enum(Split) }),
  /** The N images with the highest suspect score (lib/suspects/score.ts), optionally of these original classes. */
  z.object({
    kind: z.literal("most-suspect"),
    count: z.number().int().min(1, "Choose at least one image.").max(100_000),
    classes: z.array(classIndexSchema).max(1000).default([]),
  }),
  z.object({ kind: z.literal("list"), fileKeys: z.array(cleanText({ field: "a file name", min: 1, max: 255 })).min(1, "List at least one file.").max(100_000) }),
]);
export type SelectionRule = z.infer<typeof selectionRuleSchema>;

export const selectionSchema = z.object({
  rule: selectionRuleSchema,
  /** Only images whose pixels the server can show. */
  withPixels: z.boolean().default(true),
  /** A random sample of at most this many of the matching images. */
  sample: z.number().int().min(1).max(2_000_000).optional(),
});
export type Selection = z.infer<typeof selectionSchema>;

/** A campaign's gold: the share of each queue, and the auto-pause rule (Jaccard accuracy below pauseBelow after minAnswers gold answers). */
export const goldRuleSchema = z.object({
  share: z.number().min(0).max(0.5, "At most half of a queue can be gold."),
  pauseBelow: z.number().min(0).max(1).nullable(),
  minAnswers: z.number().int().min(1).max(1000),
});

export const newCampaignSchema = z.object({
  name: cleanText({ field: "the name", min: 1, minMessage: "Name the campaign.", max: 120 }),
  instructions: cleanText({ field: "the instructions", max: 20_000, trim: false }).default(""),
  dataset: datasetSlugSchema,
  selection: selectionSchema,
  annotatorsPerImage: z.number().int().min(1, "At least one annotator per image.").max(20),
  showPriorLabels: z.boolean(),
  claimTtlMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
  memberIds: z.array(idSchema).max(1000),
  gold: goldRuleSchema.default({ share: 0, pauseBelow: null, minAnswers: 5 }),
});
export type NewCampaign = z.infer<typeof newCampaignSchema>;

export const campaignStatusSchema = z.object({ campaignId: idSchema, status: z.enum(CampaignStatus).exclude(["DRAFT"]) });
