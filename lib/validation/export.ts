import { z } from "zod";
import type { ExportFormat } from "@/lib/generated/prisma/enums";
import { coercedIdSchema, idSchema } from "@/lib/validation/id";
import { datasetSlugSchema } from "@/lib/validation/import";

/** The names people type (CLI, URLs); the database stores the Prisma enum. */
export const EXPORT_FORMAT_NAMES = ["real-json", "csv", "jsonl", "clean-list"] as const;
export const exportFormatNameSchema = z.enum(EXPORT_FORMAT_NAMES, { error: `The format is one of ${EXPORT_FORMAT_NAMES.join(", ")}.` });
export type ExportFormatName = z.infer<typeof exportFormatNameSchema>;

export const FORMAT_OF_NAME: Record<ExportFormatName, ExportFormat> = {
  "real-json": "REAL_JSON",
  csv: "CSV",
  jsonl: "JSONL",
  "clean-list": "CLEAN_LIST",
};
export const NAME_OF_FORMAT = Object.fromEntries(Object.entries(FORMAT_OF_NAME).map(([name, format]) => [format, name])) as Record<ExportFormat, ExportFormatName>;

export const FORMAT_FILE_EXTENSION: Record<ExportFormatName, string> = {
  "real-json": "json",
  csv: "csv",
  jsonl: "jsonl",
  "clean-list": "txt",
};

/** When an image's consensus counts as confident enough for the clean subset. */
export const cleanRuleSchema = z.object({
  /** Statuses that qualify; AGREED alone drops what reviewers had to settle. */
  statuses: z.array(z.enum(["AGREED", "RESOLVED"])).min(1, "Keep agreed images, resolved images or both.").default(["AGREED", "RESOLVED"]),
  minDecisions: z.number().int().min(0).max(100).default(1),
  excludeAmbiguous: z.boolean().default(true),
  excludeMultilabel: z.boolean().default(false),
  /** Drops every member of a duplicate group: which copy's label is right cannot be told. */
  excludeDuplicates: z.boolean().default(false),
});
export type CleanRule = z.infer<typeof cleanRuleSchema>;

export const exportRequestSchema = z.object({
  format: exportFormatNameSchema,
  /** May be left out for a campaign (it has one dataset). */
  dataset: datasetSlugSchema.nullable().default(null),
  /** Null: the dataset-level consensus. */
  campaignId: idSchema.nullable().default(null),
  clean: cleanRuleSchema.default(cleanRuleSchema.parse({})),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;
export type ExportRequestInput = z.input<typeof exportRequestSchema>;

export const exportRefSchema = z.object({ exportId: coercedIdSchema });
