import { z } from "zod";
import { DuplicateVerdict } from "@/lib/generated/prisma/enums";

const id = z.number().int().positive().max(2_147_483_647);

/** The consensus version each member had when the reviewer opened the group (null: none yet). */
const seenVersions = z.record(z.string().regex(/^\d+$/), z.number().int().positive().nullable());

export const groupVerdictSchema = z.object({ groupId: id, verdict: z.enum(DuplicateVerdict) });

export const applyGroupLabelSchema = z.object({
  groupId: id,
  classes: z.array(z.number().int().min(0).max(99_999)).min(1, "Choose at least one class.").max(20),
  note: z.string().max(2000).default(""),
  seenVersions,
});

export const excludeMembersSchema = z.object({
  groupId: id,
  imageIds: z.array(id).min(1, "Choose the members to exclude."),
  seenVersions,
});

export const duplicateFilterSchema = z.object({
  kind: z.enum(["exact", "near", "imported"]).optional().catch(undefined),
  split: z.enum(["TRAIN", "VAL", "TEST"]).optional().catch(undefined),
  classIndex: z.coerce.number().int().min(0).max(99_999).optional().catch(undefined),
});

export type ApplyGroupLabel = z.infer<typeof applyGroupLabelSchema>;
export type ExcludeMembers = z.infer<typeof excludeMembersSchema>;
export type DuplicateFilter = z.infer<typeof duplicateFilterSchema>;
