import { z } from "zod";

export const datasetSlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "A dataset name uses lower-case letters, digits and dashes.");

export const importRequestSchema = z.object({
  kind: z.string().min(1).max(40),
  path: z.string().trim().min(1, "Give a path on the server, or upload a file.").max(4096),
  dataset: datasetSlugSchema,
  options: z.record(z.string().max(40), z.union([z.string().max(4096), z.boolean()])).default({}),
});
export type ImportRequestInput = z.infer<typeof importRequestSchema>;

export const importJobRefSchema = z.object({ jobId: z.number().int().positive() });
