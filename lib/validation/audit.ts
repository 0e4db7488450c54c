import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "@/lib/audit/record";
import { cleanText } from "@/lib/validation/text";

// URL search params: anything malformed reads as "no filter" rather than an error page.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const auditFilterSchema = z.object({
  action: optional(z.enum(AUDIT_ACTIONS)),
  entity: optional(z.enum(AUDIT_ENTITIES)),
  entityId: optional(cleanText({ field: "the id", min: 1, max: 64 })),
  /** The acting user's email (exact, case-insensitive). */
  user: optional(cleanText({ field: "the email", min: 1, max: 254 }).toLowerCase()),
  from: optional(day),
  to: optional(day),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
