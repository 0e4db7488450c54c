import { z } from "zod";
import { DuplicateVerdict, Split } from "@/lib/generated/prisma/enums";
import { classIndexSchema } from "@/lib/validation/decision";
import { idSchema } from "@/lib/validation/id";
import { cleanText } from "@/lib/validation/text";

/** The consensus version each member had when the reviewer opened the group (null: none yet). */
const seenVersions = z.record(z.string().regex(/^\d+$/), z.number().int().positive().nullable());

export const groupVerdictSchema = z.object({ groupId: idSchema, verdict: z.enum(DuplicateVerdict) });

export const applyGroupLabelSchema = z.object({
  groupId: idSchema,
  classes: z.array(classIndexSchema).min(1, "Choose at least one class.").max(20),
  note: cleanText({ field: "the note", max: 2000, trim: false }).default(""),
  seenVersions,
});

export const excludeMembersSchema = z.object({
  groupId: idSchema,
  imageIds: z.array(idSchema).min(1, "Choose the members to exclude."),
  seenVersions,
});

export const duplicateFilterSchema = z.object({
  kind: z.enum(["exact", "near", "imported"]).optional().catch(undefined),
  split: z.enum(Split).optional().catch(undefined),
  classIndex: z.coerce.number().pipe(classIndexSchema).optional().catch(undefined),
});

export type ApplyGroupLabel = z.infer<typeof applyGroupLabelSchema>;
export type ExcludeMembers = z.infer<typeof excludeMembersSchema>;
export type DuplicateFilter = z.infer<typeof duplicateFilterSchema>;
