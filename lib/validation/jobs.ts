import { z } from "zod";

/** An import as a queued job stores it: the path is already resolved and allowed by the action that queued it. */
export const importJobPayloadSchema = z.object({
  kind: z.string().min(1),
  path: z.string().min(1),
  dataset: z.string().min(1),
  options: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
});
export type ImportJobPayload = z.infer<typeof importJobPayloadSchema>;

export const jobRefSchema = z.object({ jobId: z.number().int().positive() });
