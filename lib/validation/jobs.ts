import { z } from "zod";
import { idSchema } from "@/lib/validation/id";
import { datasetSlugSchema } from "@/lib/validation/import";

/** An import as a queued job stores it: the path is already resolved and allowed by the action that queued it. */
export const importJobPayloadSchema = z.object({
  kind: z.string().min(1),
  path: z.string().min(1),
  dataset: z.string().min(1),
  options: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
  /** A validation: the whole import runs and is rolled back; the job's result is what it would store. */
  dryRun: z.boolean().default(false),
});
export type ImportJobPayload = z.infer<typeof importJobPayloadSchema>;

export const jobRefSchema = z.object({ jobId: idSchema });

/** A campaign's consensus recomputation; the rule is read from the campaign when the job starts. */
export const consensusJobPayloadSchema = z.object({ campaignId: idSchema });

/** An export's history row is made when it is queued; the job writes its file. */
export const exportJobPayloadSchema = z.object({ exportId: idSchema });

/** A job over one whole dataset (a duplicate scan, an evaluation), named by its slug. */
export const datasetJobPayloadSchema = z.object({ dataset: datasetSlugSchema });
export const duplicateScanPayloadSchema = datasetJobPayloadSchema;
export const evaluationJobPayloadSchema = datasetJobPayloadSchema;
export const duplicateScanRequestSchema = duplicateScanPayloadSchema;
export const publishConsensusPayloadSchema = datasetJobPayloadSchema;
export const campaignJobRefSchema = jobRefSchema.extend({ campaignId: idSchema });
